import { UserError } from '@escher/protocol';
import type { Sense } from '../ontology/concept.ts';
import { LEXICON_MAX_PHRASE_WORDS, lookupPhrase } from '../ontology/lexicon.ts';
import { zoneRegion } from '../ontology/regions/regions.ts';
import { parseFilter } from '../filter/parser.ts';
import type { FilterExpr } from '../filter/filter.types.ts';
import { STOPWORDS, type Correction, type VocabularyCorrector } from './corrector.ts';
import { chunkWords, queryChunks, type QueryChunk, type QueryWord } from './query-words.ts';

/** One piece of a scanned query, in order. `offset` is the 0-based position in the query. */
export type QuerySegment =
  /** A phrase of the ontology with the meanings it can carry here. */
  | {
      kind: 'concept';
      text: string;
      phrase: string;
      senses: readonly Sense[];
      negated: boolean;
      offset: number;
    }
  /** An ordinary word (corrected when mistyped): a search term. */
  | { kind: 'word'; text: string; word: string; negated: boolean; quoted: boolean; offset: number }
  /** Filter syntax written inside free text: `team=payments`, `cost>100`, `region:frankfurt`. */
  | { kind: 'filter'; text: string; expr: FilterExpr; offset: number }
  /** "owner tag", "without an owner tag", "missing tag owner": a tag key that must (not) exist. */
  | { kind: 'tag'; text: string; key: string; negated: boolean; offset: number }
  | { kind: 'stopword'; text: string; offset: number }
  | { kind: 'negation'; text: string; offset: number };

export interface MatchOptions {
  /** Corrects mistyped words before matching; without one, words are taken as typed. */
  corrector?: VocabularyCorrector;
  /** Keep action senses (`stop`, `how many`) — for intent parsing; search leaves them out. */
  actions?: boolean;
}

export interface ConceptScan {
  segments: QuerySegment[];
  corrections: Correction[];
  /** Filter syntax that did not parse and was read as words instead, with the reason. */
  warnings: string[];
}

const NEGATIONS = new Set([
  'not',
  'no',
  'non',
  'without',
  'except',
  'excluding',
  'exclude',
  'missing',
  'lacking',
]);
const TAG_WORDS = new Set(['tag', 'tags', 'label', 'labels']);
const FILTER_CHUNK = /^[-!]?[a-z_"][\w.\-"]*(?:==?|!=|:|>=?|<=?|~)\S/i;

/**
 * Scans free text into ontology concepts, filter-syntax pieces, tag mentions, negations and plain
 * words, longest phrase first ("azure database for postgresql" is one concept, not four words).
 * Mistyped words are corrected first when a corrector is given. "not", "non-", "without",
 * "except" negate the next concept or word. The building block of query understanding (search)
 * and intent parsing (the intelligence server, with `actions: true`).
 *
 * @example matchConcepts('stopped vms in Frankfurt').segments.map((s) => s.kind) // concept, concept, stopword, concept
 */
export function matchConcepts(query: string, options: MatchOptions = {}): ConceptScan {
  const corrections: Correction[] = [];
  const warnings: string[] = [];
  const segments: QuerySegment[] = [];
  const words: QueryWord[] = [];
  const flush = (): void => {
    scanWords(words.splice(0), segments, options);
  };
  for (const chunk of joinSpacedComparisons(queryChunks(query))) {
    if (looksLikeFilter(chunk)) {
      const parsed = tryParse(chunk.text);
      if (parsed.expr) {
        flush();
        segments.push({ kind: 'filter', text: chunk.text, expr: parsed.expr, offset: chunk.offset });
        continue;
      }
      warnings.push(`Read '${chunk.text}' as words: ${parsed.error}`);
    }
    for (const word of chunkWords(splitFilterChunk(chunk))) {
      if (!/[\p{L}\p{N}]/u.test(word.word)) continue;
      const non = /^non-?(.+)$/.exec(word.word);
      if (!word.quoted && non && lookupPhrase(non[1]!).length > 0) {
        words.push({ ...word, word: 'non', original: word.original.slice(0, 3) });
        const rest = word.original.length - non[1]!.length;
        words.push({
          ...word,
          word: non[1]!,
          original: word.original.slice(rest),
          offset: word.offset + rest,
        });
        continue;
      }
      const correction =
        !word.quoted && options.corrector && !zoneRegion(word.word)
          ? options.corrector.correct(word.word)
          : undefined;
      if (correction) corrections.push(correction);
      words.push(correction ? { ...word, word: correction.to } : word);
    }
  }
  flush();
  return { segments, corrections, warnings };
}

const OPERATOR_ONLY = /^(?:==?|!=|:|>=?|<=?|~)$/;

/** `cost > 100` written with spaces is one comparison: join field, operator and value chunks. */
function joinSpacedComparisons(chunks: readonly QueryChunk[]): QueryChunk[] {
  const out: QueryChunk[] = [];
  for (let i = 0; i < chunks.length; i += 1) {
    const [field, op, value] = [chunks[i]!, chunks[i + 1], chunks[i + 2]];
    if (
      op &&
      value &&
      !field.quoted &&
      !op.quoted &&
      OPERATOR_ONLY.test(op.text) &&
      /^[a-z_][\w.-]*$/i.test(field.text)
    ) {
      const text = `${field.text}${op.text}${value.quoted ? JSON.stringify(value.text) : value.text}`;
      out.push({ text, offset: field.offset, quoted: false });
      i += 2;
    } else {
      out.push(field);
    }
  }
  return out;
}

/** Whether a chunk is written as filter syntax rather than as a phrase the ontology knows (`AWS::EC2::Instance`). */
function looksLikeFilter(chunk: QueryChunk): boolean {
  return (
    !chunk.quoted &&
    FILTER_CHUNK.test(chunk.text) &&
    !chunk.text.includes('://') &&
    !chunk.text.includes('::') &&
    lookupPhrase(chunk.text).length === 0
  );
}

/** A chunk that failed to parse as a filter is read as the words around its operators. */
function splitFilterChunk(chunk: QueryChunk): QueryChunk {
  return looksLikeFilter(chunk) ? { ...chunk, text: chunk.text.replace(/[=!:<>~]+/g, ' ') } : chunk;
}

function tryParse(text: string): { expr?: FilterExpr; error?: string } {
  try {
    return { expr: parseFilter(text) };
  } catch (error) {
    const hint = error instanceof UserError && error.hint ? ` (${error.hint})` : '';
    return { error: `${error instanceof Error ? error.message : String(error)}${hint}` };
  }
}

function sensesAt(
  words: readonly QueryWord[],
  at: number,
  length: number,
  options: MatchOptions,
): readonly Sense[] {
  const phrase = words
    .slice(at, at + length)
    .map((w) => w.word)
    .join(' ');
  const senses = lookupPhrase(phrase).filter((s) => options.actions || s.concept.kind !== 'action');
  if (senses.length > 0 || length > 1) return senses;
  const zone = zoneRegion(phrase);
  return zone ? [{ concept: { kind: 'zone', value: phrase }, strength: 'strong' }] : [];
}

function scanWords(words: readonly QueryWord[], out: QuerySegment[], options: MatchOptions): void {
  let negated = false;
  let expectTagKey = false;
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const text = word.original;
    if (word.quoted) {
      out.push({ kind: 'word', text, word: word.word, negated, quoted: true, offset: word.offset });
      negated = false;
      i += 1;
      continue;
    }
    if (expectTagKey && !STOPWORDS.has(word.word)) {
      out.push({ kind: 'tag', text, key: word.original, negated, offset: word.offset });
      negated = expectTagKey = false;
      i += 1;
      continue;
    }
    if (TAG_WORDS.has(word.word)) {
      const last = out[out.length - 1];
      if (last?.kind === 'word' && !last.quoted) {
        out[out.length - 1] = {
          kind: 'tag',
          text: `${last.text} ${text}`,
          key: last.text,
          negated: last.negated,
          offset: last.offset,
        };
        i += 1;
        continue;
      }
      if (negated || words[i + 1]) {
        expectTagKey = true;
        i += 1;
        continue;
      }
    }
    let matched = 0;
    const run = runLength(words, i);
    for (let length = Math.min(LEXICON_MAX_PHRASE_WORDS, run); length >= 1 && !matched; length -= 1) {
      const senses = sensesAt(words, i, length, options);
      if (senses.length === 0) continue;
      const span = words.slice(i, i + length);
      out.push({
        kind: 'concept',
        text: span.map((w) => w.original).join(' '),
        phrase: span.map((w) => w.word).join(' '),
        senses,
        negated,
        offset: word.offset,
      });
      matched = length;
    }
    if (matched) {
      negated = false;
      i += matched;
      continue;
    }
    if (NEGATIONS.has(word.word)) {
      out.push({ kind: 'negation', text, offset: word.offset });
      negated = true;
    } else if (STOPWORDS.has(word.word)) {
      out.push({ kind: 'stopword', text, offset: word.offset });
    } else {
      out.push({ kind: 'word', text, word: word.word, negated, quoted: false, offset: word.offset });
      negated = false;
    }
    i += 1;
  }
}

/** How many unquoted words follow from `at`: a phrase never spans a quoted one. */
function runLength(words: readonly QueryWord[], at: number): number {
  let n = 0;
  while (at + n < words.length && !words[at + n]!.quoted) n += 1;
  return n;
}
