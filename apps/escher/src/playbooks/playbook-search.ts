import { ACTION_SYNONYMS, analyze, CLOUD_SYNONYMS, TYPE_TERMS } from '@escher/knowledge';
import type { Action, Playbook } from '@escher/protocol';

/**
 * The searchable text of a playbook (the user-playbooks collection): its name, id, description
 * and keywords, what it applies to in the words users use (every synonym of its actions, types
 * and clouds, from the knowledge ontology, so "power off vms" finds the stop playbook), and the
 * operations and programs its steps run. Secret-free by construction: a playbook holds no values.
 */
export function playbookDocument(playbook: Playbook): string {
  const { applicability: a } = playbook;
  const actions = a.actions.flatMap((action) => [
    action,
    ...(ACTION_SYNONYMS[action as Exclude<Action, 'other'>] ?? []),
  ]);
  const types = a.resourceTypes.flatMap((type) => {
    const terms = TYPE_TERMS[type];
    return [type, terms.label, ...terms.words, ...a.clouds.flatMap((c) => terms.services[c])];
  });
  const clouds = a.clouds.flatMap((c) => [c, ...CLOUD_SYNONYMS[c]]);
  const steps = playbook.steps.map((s) => ('action' in s ? s.action : (s.command[0] ?? '')));
  return [
    playbook.name,
    playbook.id,
    playbook.description,
    ...(playbook.keywords ?? []),
    ...actions,
    ...types,
    ...clouds,
    ...steps,
    `risk ${playbook.risk}`,
  ].join('\n');
}

/** A playbook found by a search, with its relevance in (0, 1]. */
export interface PlaybookHit<T> {
  item: T;
  score: number;
}

/**
 * Ranks playbooks for a free-text query. Deliberately small — the collection is hundreds of
 * documents, not millions: every query word (analysed like resource search, so plurals and
 * identifiers match) scores its inverse document frequency when the document has it, double in
 * the name or id, and a word of three letters or more also matches as a prefix (`snap` finds
 * snapshot); a playbook for an action the query names ("shut down" is stop) gains as much again
 * as half the words. The score is the share of the best possible, so 1 means every word matched
 * in the name and the action fits. Playbooks that match no word are left out.
 */
export function searchPlaybooks<T>(
  items: readonly T[],
  playbookOf: (item: T) => Playbook,
  query: string,
  limit = 20,
): PlaybookHit<T>[] {
  const words = [...new Set(analyze(query))];
  if (words.length === 0) return [];
  const docs = items.map((item) => {
    const p = playbookOf(item);
    return {
      item,
      title: new Set(analyze(`${p.name} ${p.id}`)),
      body: new Set(analyze(playbookDocument(p))),
    };
  });
  const matches = (terms: ReadonlySet<string>, word: string): boolean =>
    terms.has(word) || (word.length >= 3 && [...terms].some((t) => t.startsWith(word)));
  const idf = new Map(
    words.map((w) => {
      const n = docs.filter((d) => matches(d.body, w)).length;
      return [w, Math.log(1 + (docs.length + 1) / (n + 0.5))];
    }),
  );
  const wordsScore = words.reduce((sum, w) => sum + 2 * (idf.get(w) ?? 0), 0);
  // Naming an action ("power off") is the strongest hint of intent: it counts as much as every
  // other word matching a title, so "power off virtual machines" prefers stopping to describing.
  const actions = actionsIn(analyze(query));
  const actionWeight = actions.size > 0 ? wordsScore / 2 : 0;
  const best = wordsScore + actionWeight;
  const hits: PlaybookHit<T>[] = [];
  for (const d of docs) {
    let score = 0;
    for (const w of words) {
      const weight = idf.get(w) ?? 0;
      if (matches(d.title, w)) score += 2 * weight;
      else if (matches(d.body, w)) score += weight;
    }
    if (score > 0 && playbookOf(d.item).applicability.actions.some((a) => actions.has(a)))
      score += actionWeight;
    if (score > 0) hits.push({ item: d.item, score: Math.round((score / best) * 1000) / 1000 });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** The actions whose words (SPEC section 4 and the ontology's synonyms) occur as a phrase in the query. */
function actionsIn(tokens: readonly string[]): Set<string> {
  const text = ` ${tokens.join(' ')} `;
  const found = new Set<string>();
  for (const [action, synonyms] of Object.entries(ACTION_SYNONYMS)) {
    if (synonyms.some((phrase) => text.includes(` ${analyze(phrase).join(' ')} `))) found.add(action);
  }
  return found;
}
