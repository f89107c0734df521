import type { RequestIntent, ParsedRequest } from '@escher/protocol';
import { createCorrector, type VocabularyCorrector } from '../query/corrector.ts';
import { matchConcepts } from '../query/match-concepts.ts';
import { lookupPhrase } from '../ontology/lexicon.ts';
import { assembleIntent, confidenceOf } from './intent-assemble.ts';
import { readSegments } from './intent-concepts.ts';
import { emptyDraft, type IntentDraft } from './intent-draft.ts';
import {
  extractAccount,
  extractGrouping,
  extractNames,
  extractQuantities,
  extractSizes,
} from './intent-extract.ts';
import { extractTags } from './intent-tags.ts';
import { resolveFollowUp } from './intent-followup.ts';
import { extractLeadAction } from './intent-lead.ts';
import { findTimePhrases, type TimeMatch } from './intent-time.ts';
import { RequestText } from './request-text.ts';

/** What the caller knows beyond the request text. */
export interface IntentContext {
  /** "Now", for time phrases ("last 24 hours", "since Monday"); defaults to the clock. */
  now?: Date;
  /** Names of real resources (from the store, client side): they are read as names, never as words. */
  knownNames?: readonly string[];
  /** The previous turn's intent, for "stop them", "only the ones in eu-west-1", "undo that". */
  previous?: RequestIntent;
  /** A typo corrector; by default one over the ontology (and `knownNames`). */
  corrector?: VocabularyCorrector;
}

let ontologyCorrector: VocabularyCorrector | undefined;
let plainCorrector: VocabularyCorrector | undefined;

/**
 * Intent parsing acts on what it reads, so a correction must be safe: one edit for words under
 * eight letters, only towards a word that means something on its own ("prodution" → production,
 * "postgress" → postgres; not "compare" → compute), and never of a word of a known name.
 */
function cautious(corrector: VocabularyCorrector, nameWords?: ReadonlySet<string>): VocabularyCorrector {
  return {
    isKnown: (word) => nameWords?.has(word.toLowerCase()) === true || corrector.isKnown(word),
    correct: (word) => {
      if (nameWords?.has(word.toLowerCase())) return undefined;
      const fix = corrector.correct(word);
      if (!fix || (fix.distance > 1 && word.length < 8)) return undefined;
      const senses = lookupPhrase(fix.to);
      const meaningful = senses.some((s) => s.strength === 'strong' || s.concept.kind === 'engine');
      return meaningful || senses.length === 0 ? fix : undefined;
    },
  };
}

interface KnownNames {
  names: Set<string>;
  corrector: VocabularyCorrector;
}
const knownNamesCache = new WeakMap<readonly string[], KnownNames>();

// The ontology corrector is built once (~30 ms); names only add a set, so a new context per
// request (the server's case) costs O(names), not a new corrector.
function knownNamesOf(names: readonly string[], base: VocabularyCorrector): KnownNames {
  let entry = knownNamesCache.get(names);
  if (!entry) {
    const lower = new Set(names.map((n) => n.toLowerCase()));
    const words = new Set(names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
    entry = { names: lower, corrector: cautious(base, words) };
    knownNamesCache.set(names, entry);
  }
  return entry;
}

/**
 * The deterministic Master agent: reads a request in plain English into an intent (SPEC section
 * 4) with the ontology, the filter language and a small grammar — no model. `unsure` lists what
 * it could not decide, for an optional model to settle; `confidence` falls with each of them.
 *
 * @example
 * parseIntent('Stop my VMs in West US 2').intent
 * // { action: 'stop', resourceType: 'compute.instance', cloud: 'azure', region: 'westus2', tags: {}, state: null, … }
 */
export function parseIntent(request: string, context: IntentContext = {}): ParsedRequest {
  const now = context.now ?? new Date();
  const base = (ontologyCorrector ??= createCorrector());
  const known = context.knownNames ? knownNamesOf(context.knownNames, base) : undefined;
  const corrector = context.corrector ?? known?.corrector ?? (plainCorrector ??= cautious(base));
  const text = new RequestText(request.slice(0, 2_000));
  const draft = emptyDraft();
  const times = findTimePhrases(text.rest, now);
  for (const t of times) text.blank(t.index, t.length);
  extractLeadAction(text, draft);
  extractAccount(text, draft);
  extractQuantities(text, draft, now);
  extractSizes(text, draft);
  extractTags(text, draft);
  extractGrouping(text, draft);
  extractNames(text, draft, known?.names);
  const scan = matchConcepts(text.rest, { actions: true, corrector });
  readSegments(scan.segments, draft, text.rest);
  applyTimes(times, draft, now);
  const followed = context.previous ? resolveFollowUp(text.original, draft, context.previous) : undefined;
  const intent = followed ?? assembleIntent(draft);
  return {
    intent,
    confidence: confidenceOf(draft, intent),
    unsure: [...draft.unsure],
    ...(followed ? { followUp: true } : {}),
  };
}

/** Creation phrases become createdAt conditions; others the period asked about, then the one to compare with. */
function applyTimes(times: readonly TimeMatch[], draft: IntentDraft, now: Date): void {
  for (const t of times) {
    if (t.created) {
      draft.conditions.push({ kind: 'field', field: 'createdAt', op: '>=', value: t.period.from });
      if (Date.parse(t.period.to) < now.getTime()) {
        draft.conditions.push({ kind: 'field', field: 'createdAt', op: '<', value: t.period.to });
      }
    } else if (!draft.params.period) {
      draft.params.period = t.period;
    } else if (!draft.params.comparePeriod) {
      draft.params.comparePeriod = t.period;
    }
  }
}
