import type { Action } from '@escher/protocol';
import { lookupPhrase } from '../ontology/lexicon.ts';
import type { IntentDraft } from './intent-draft.ts';
import type { RequestText } from './request-text.ts';

// Politeness and framing before the verb: "please", "can you", "I'd like to", "let's", "go ahead and".
const PREFIX =
  /^\s*(?:(?:please|kindly|hey|hi|ok|okay|now|then|so|alright|escher|yes)[,!]?\s+)*(?:(?:(?:can|could|would|will) (?:you|we|i)|i (?:want|need|would like)(?: you)?(?: to)?|i (?:like|love)(?: you)? to|let us|lets|let's|go ahead and|help me|we (?:need|have|want) to|i have to|try to|please|quickly|just|also)\s+)*/i;

/** Verbs outside SPEC section 4's vocabulary: the request is `other`, answered but never executed. */
const OTHER_VERBS = new Set([
  'create',
  'deploy',
  'migrate',
  'upgrade',
  'install',
  'provision',
  'launch',
  'configure',
  'rename',
  'move',
  'copy',
  'clone',
  'write',
  'update',
  'patch',
  'rotate',
  'disable',
  'open',
  'connect',
  'attach',
  'detach',
  'grant',
  'revoke',
  'send',
  'email',
  'explain',
  'why',
  'generate',
  'schedule',
  'run',
  'execute',
  'ssh',
  'login',
  'log',
  'translate',
  'book',
  'order',
  'buy',
  'forecast',
  'predict',
  'set',
  'modify',
  'change',
  'edit',
  'replace',
  'who',
  'when',
  'hello',
  'thanks',
  'thank',
]);

/** Question openers: an answer is wanted, not a change. */
const QUESTION = /^\s*(?:which|what|are|is|do|does|did|any|how|have|has|can|where|who|whose)(?=\s)|\?\s*$/i;

/** Phrase-level patterns the lexicon cannot hold because the object sits inside them. */
const PATTERNS: readonly { re: RegExp; action: Action; whole?: boolean }[] = [
  // "I want the dev VMs turned off": the verb comes last, as a participle.
  {
    re: /^\s*(?:i|we) (?:want|need|would like)\s+(.*?)\s+(?:turned|switched|powered|shut) (?:off|down)\s*[.!]?\s*$/i,
    action: 'stop',
    whole: true,
  },
  {
    re: /^\s*(?:i|we) (?:want|need|would like)\s+(.*?)\s+(?:turned|switched|powered) on\s*[.!]?\s*$/i,
    action: 'start',
    whole: true,
  },
  { re: /^\s*make (?:the |my |our |all )?(.*?)\s+(?:private|non-public|not public)\b/i, action: 'restrict' },
  {
    re: /^\s*(?:change|update|modify|set) (?:the )?(?:instance |machine |vm )?(?:type|size|sku|tier|class)\b(?: of| for)?/i,
    action: 'resize',
  },
  { re: /^\s*(?:shut|turn|switch|power) (?:the |my |our |all )?(.*?)\s+(off|down)\b/i, action: 'stop' },
  { re: /^\s*(?:turn|switch|power) (?:the |my |our |all )?(.*?)\s+on\b/i, action: 'start' },
  { re: /^\s*(?:enable|turn on) (?:encryption|at-rest encryption)\b/i, action: 'encrypt' },
  { re: /^\s*(?:enable|turn on|configure|set up) (?:automated |automatic )?backups?\b/i, action: 'backup' },
  {
    re: /^\s*(?:disable|remove|block|close|revoke|turn off) (?:the )?public (?:access|exposure|ip|endpoint)\b/i,
    action: 'restrict',
  },
];

/**
 * Reads the verb at the start of the request ("Stop …", "Can you please take a snapshot of …",
 * "How many …"), longest phrase first, and blanks it. A word in verb position is the action even
 * where it could also be a type ("Snapshot the prod disks", "Tag payments-api …").
 */
export function extractLeadAction(text: RequestText, draft: IntentDraft): void {
  draft.question = QUESTION.test(text.rest);
  const prefix = PREFIX.exec(text.rest)?.[0] ?? '';
  const untag =
    /^(?:remove|delete|drop|strip|clear) (?:the |a |an )?['"]?([\w.\-/]+)['"]? (?:tag|label)s?\b/i.exec(
      text.rest.slice(prefix.length),
    );
  if (untag && !/^(?:the|a|an|all|every)$/i.test(untag[1]!)) {
    draft.action = 'untag';
    draft.actionFrom = 'pattern';
    draft.params.tagKeys = [untag[1]!];
    text.blank(0, prefix.length + untag[0].length);
    return;
  }
  for (const { re, action, whole } of PATTERNS) {
    const from = whole ? 0 : prefix.length;
    const m = re.exec(text.rest.slice(from));
    if (!m) continue;
    draft.action = action;
    draft.actionFrom = 'pattern';
    // Blank the verb words only; the object inside the pattern stays for the other readers.
    const body = m[1];
    const start = from + m.index;
    if (body !== undefined) {
      const bodyAt = m[0].indexOf(body, m[0].indexOf(' '));
      text.blank(start, bodyAt);
      text.blank(start + bodyAt + body.length, m[0].length - bodyAt - body.length);
    } else {
      text.blank(start, m[0].length);
    }
    text.blank(0, prefix.length);
    return;
  }
  const words: { word: string; end: number }[] = [];
  const re = /[^\s,;:!?]+/g;
  re.lastIndex = prefix.length;
  for (let m = re.exec(text.rest); m && words.length < 4; m = re.exec(text.rest)) {
    words.push({ word: m[0].replace(/[.'"]+$/, ''), end: m.index + m[0].length });
  }
  for (let n = words.length; n >= 1; n -= 1) {
    const phrase = words
      .slice(0, n)
      .map((w) => w.word)
      .join(' ');
    // "add the label" reads as "add label": articles inside a verb phrase change nothing.
    const bare = phrase.replace(/ (?:the|a|an)(?= )/gi, '');
    const action = (
      lookupPhrase(phrase).find((s) => s.concept.kind === 'action') ??
      (bare !== phrase ? lookupPhrase(bare).find((s) => s.concept.kind === 'action') : undefined)
    )?.concept.value as Action | undefined;
    if (!action) continue;
    draft.action = action;
    draft.actionFrom = 'lead';
    draft.leadPhrase = phrase.toLowerCase();
    text.blank(0, words[n - 1]!.end);
    return;
  }
  const first = words[0]?.word.toLowerCase();
  if (first && OTHER_VERBS.has(first)) {
    draft.action = 'other';
    draft.actionFrom = 'lead';
    draft.leadPhrase = first;
    text.blank(0, words[0]!.end);
    return;
  }
  if (prefix) text.blank(0, prefix.length);
}
