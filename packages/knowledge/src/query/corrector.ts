import { ontologyVocabulary } from '../ontology/lexicon.ts';
import { foldText, singular } from '../text/phrase.ts';
import { damerauLevenshtein, maxTypoDistance, trigramSimilarity, trigrams } from './similarity.ts';

/** A word the corrector replaced. */
export interface Correction {
  from: string;
  to: string;
  /** Damerau-Levenshtein distance between the two. */
  distance: number;
}

/** Corrects mistyped words towards a vocabulary, and never touches a word it knows. */
export interface VocabularyCorrector {
  /** Whether the word (or its singular) is in the vocabulary. */
  isKnown(word: string): boolean;
  /** The vocabulary word the user meant, or undefined when the word is known or nothing is close. */
  correct(word: string): Correction | undefined;
}

export interface CorrectorOptions {
  /**
   * More real words, e.g. the words of the estate's names and tags (`payments`, `orders`), so
   * that they are known — never corrected — and typos of them are corrected towards them.
   */
  words?: Iterable<string>;
  /** Include the ontology's vocabulary (default true). */
  ontology?: boolean;
}

// Trigram overlap a candidate needs before the edit distance is computed: low enough for a
// transposition in a 4-letter word (prdo/prod ≈ 0.25), high enough to skip most of a large vocabulary.
const MIN_SIMILARITY = 0.2;

/**
 * A typo corrector over the ontology's words (and optionally the estate's): `postgress` →
 * postgres, `prodution` → production, `databse` → database, `frankfrut` → frankfurt. A word that
 * is in the vocabulary, is three characters or shorter, or has no letters is never changed, so
 * `eks` never becomes `aks` and `payments` (given as an estate word) stays itself. Candidates
 * must be within the length's typo budget (1 edit up to 5 characters, 2 beyond); ties go to the
 * closer trigram overlap, then the ontology, then alphabetical order.
 *
 * @example createCorrector().correct('prodution') // { from: 'prodution', to: 'production', distance: 1 }
 */
export function createCorrector(options: CorrectorOptions = {}): VocabularyCorrector {
  const known = new Set<string>();
  const preferred = new Set<string>();
  const index = new Map<string, string[]>();
  const addWord = (raw: string, fromOntology: boolean): void => {
    const word = foldText(raw).trim();
    if (!word || known.has(word)) {
      if (fromOntology && word) preferred.add(word);
      return;
    }
    known.add(word);
    if (fromOntology) preferred.add(word);
    if (word.length < 3 || !/[a-z]/.test(word)) return;
    for (const t of trigrams(word)) {
      const bucket = index.get(t);
      if (bucket) bucket.push(word);
      else index.set(t, [word]);
    }
  };
  if (options.ontology !== false) for (const word of ontologyVocabulary()) addWord(word, true);
  for (const word of STOPWORDS) known.add(word);
  for (const word of options.words ?? []) addWord(word, false);

  const isKnown = (raw: string): boolean => {
    const word = foldText(raw).trim();
    return known.has(word) || known.has(singular(word));
  };

  const correct = (raw: string): Correction | undefined => {
    const word = foldText(raw).trim();
    if (word.length <= 3 || !/[a-z]/.test(word) || isKnown(word)) return undefined;
    const max = maxTypoDistance(word.length);
    const shared = new Map<string, number>();
    for (const t of trigrams(word))
      for (const candidate of index.get(t) ?? []) {
        shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
      }
    const own = trigrams(word).size;
    let best: { to: string; distance: number; similarity: number } | undefined;
    for (const [candidate, count] of shared) {
      if (candidate.length < 4 || Math.abs(candidate.length - word.length) > max) continue;
      // Short words are rarely mistyped in their first letter, and too many are one edit apart.
      if (word.length <= 5 && candidate[0] !== word[0]) continue;
      // Jaccard from the shared count: |A ∩ B| / (|A| + |B| - |A ∩ B|), B's size being length + 1.
      if (count / (own + candidate.length + 1 - count) < MIN_SIMILARITY) continue;
      const distance = damerauLevenshtein(word, candidate, max);
      if (distance > max) continue;
      const similarity = trigramSimilarity(word, candidate);
      if (!best || better(candidate, distance, similarity, best, word.length))
        best = { to: candidate, distance, similarity };
    }
    return best && { from: word, to: best.to, distance: best.distance };
  };

  const better = (
    candidate: string,
    distance: number,
    similarity: number,
    best: { to: string; distance: number; similarity: number },
    wordLength: number,
  ): boolean => {
    if (distance !== best.distance) return distance < best.distance;
    // A transposed or substituted letter is likelier than a dropped one: prefer the same length.
    const lengthGap = Math.abs(candidate.length - wordLength);
    const bestGap = Math.abs(best.to.length - wordLength);
    if (lengthGap !== bestGap) return lengthGap < bestGap;
    if (similarity !== best.similarity) return similarity > best.similarity;
    const a = preferred.has(candidate);
    const b = preferred.has(best.to);
    if (a !== b) return a;
    return candidate < best.to;
  };

  return { isKnown, correct };
}

/**
 * Words that carry no search meaning ("show me the prod databases in azure"). The corrector knows
 * them, so they are never corrected; query understanding drops them.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'in',
  'on',
  'at',
  'of',
  'for',
  'to',
  'with',
  'by',
  'from',
  'and',
  'or',
  'all',
  'any',
  'every',
  'my',
  'our',
  'me',
  'us',
  'i',
  'we',
  'show',
  'list',
  'find',
  'get',
  'give',
  'which',
  'what',
  'where',
  'are',
  'is',
  'that',
  'have',
  'has',
  'having',
  'please',
  'want',
  'need',
  'see',
  'there',
  'those',
  'these',
  'it',
  'its',
  'be',
  'been',
  'region',
  'regions',
  'zone',
  'zones',
  'resource',
  'resources',
  'tagged',
  'labelled',
  'labeled',
  'named',
  'called',
  'located',
  'hosted',
  'deployed',
]);
