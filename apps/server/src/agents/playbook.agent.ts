import { analyze } from '@escher/knowledge';
import type { PlaybookOutcome, RankedPlaybook } from '@escher/protocol';
import type { PlaybookAgent, PlaybookCandidate, PlaybookInput } from './agents.ts';

/** How many candidates retrieval keeps before ranking, and how many the answer shows. */
export const RETRIEVE_LIMIT = 20;
export const ANSWER_LIMIT = 3;

const NEVER_OFFERED = new Set(['archived', 'deleted', 'suspended', 'failed']);

/**
 * A free-text scorer for playbooks, 0–1. The seam for the client's `searchPlaybooks`
 * (`apps/escher/src/playbooks/playbook-search.ts`, pure over `@escher/knowledge`): once it moves
 * into knowledge, pass it here and retrieval uses the same ranking as `escher playbooks list`.
 */
export type PlaybookTextScorer = (request: string, candidate: PlaybookCandidate) => number;

/**
 * Playbook: retrieve (applicability must fit the intent's action, type and cloud; up to 20 by
 * fit and text), then rank with stated reasons: the fit, the words it shares with the request,
 * and anonymous outcomes (Laplace-smoothed success rate, so one failure in a hundred barely
 * moves it and a playbook that keeps failing sinks). Returns the top three.
 */
export function createPlaybookAgent(textScore: PlaybookTextScorer = wordOverlap): PlaybookAgent {
  return (input) => {
    const outcomes = new Map(input.outcomes.map((o) => [o.playbookId, o]));
    const retrieved = input.candidates
      .filter((c) => fits(c, input))
      .map((c) => ({ c, text: textScore(input.request, c) }))
      .sort((a, b) => b.text - a.text || a.c.summary.id.localeCompare(b.c.summary.id))
      .slice(0, RETRIEVE_LIMIT);
    return retrieved
      .map(({ c, text }) => rank(c, text, input, outcomes.get(c.summary.id)))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, ANSWER_LIMIT);
  };
}

function fits({ summary }: PlaybookCandidate, { intent }: PlaybookInput): boolean {
  const a = summary.applicability;
  if (summary.state && NEVER_OFFERED.has(summary.state)) return false;
  if (intent.action === 'other' || !(a.actions as readonly string[]).includes(intent.action)) return false;
  if (intent.resourceType && !a.resourceTypes.includes(intent.resourceType)) return false;
  return !intent.cloud || a.clouds.includes(intent.cloud);
}

function rank(
  candidate: PlaybookCandidate,
  text: number,
  { intent }: PlaybookInput,
  outcome: PlaybookOutcome | undefined,
): RankedPlaybook {
  const { summary } = candidate;
  const reasons = [
    `it ${intent.action}s ${intent.resourceType ?? summary.applicability.resourceTypes.join('/')}`,
  ];
  let score = 0.5;
  if (intent.resourceType) score += 0.2;
  if (intent.cloud) {
    score += 0.05;
    reasons.push(`on ${intent.cloud}`);
  }
  // A specific playbook beats a general one that also fits: fewer types, fewer clouds.
  score += 0.05 / summary.applicability.resourceTypes.length;
  score += 0.1 * text;
  if (text > 0) reasons.push(`its description matches ${Math.round(text * 100)}% of your words`);
  if (outcome && outcome.successes + outcome.failures > 0) {
    const rate = (outcome.successes + 1) / (outcome.successes + outcome.failures + 2);
    score += 0.2 * (rate - 0.5);
    reasons.push(`${outcome.successes} of ${outcome.successes + outcome.failures} past runs succeeded`);
  }
  if (candidate.source !== 'global')
    reasons.push(`from your ${candidate.source === 'user' ? 'own' : "team's"} playbooks`);
  return {
    id: summary.id,
    name: summary.name,
    version: summary.version,
    risk: summary.risk,
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
    reason: `${reasons.join(', ')}.`.replace(/^./, (ch) => ch.toUpperCase()),
    source: candidate.source,
  };
}

/** Share of the request's words (analysed like search) found in the playbook's text. */
export function wordOverlap(request: string, { summary }: PlaybookCandidate): number {
  const words = new Set(analyze(request));
  if (words.size === 0) return 0;
  const doc = new Set(
    analyze([summary.name, summary.id, summary.description, ...summary.keywords].join(' ')),
  );
  let hit = 0;
  for (const w of words) if (doc.has(w)) hit += 1;
  return hit / words.size;
}
