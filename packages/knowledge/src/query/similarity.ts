/**
 * The trigrams of a word, padded like PostgreSQL's pg_trgm (two spaces before, one after), so
 * that short words and word starts weigh in: `db` → "  d", " db", "db ".
 */
export function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) set.add(padded.slice(i, i + 3));
  return set;
}

/**
 * Trigram similarity in [0, 1]: shared trigrams over all trigrams (Jaccard), as pg_trgm computes
 * it. Cheap enough to pre-filter candidates before the edit distance.
 *
 * @example trigramSimilarity('postgress', 'postgres') // ≈ 0.73
 */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared += 1;
  const union = ta.size + tb.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1, so `frankfrut` is 1 from `frankfurt`.
 * With `max`, gives up early and returns `max + 1` once the distance must exceed it.
 *
 * @example damerauLevenshtein('databse', 'database') // 1
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row: number[] = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    let rowMin = row[0];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How many edits a word of this length may need and still be the same word mistyped: none up
 * to 3 characters (too many real words are 1 apart: aws/aks, eks/gke), 1 up to 5, 2 from 6.
 */
export function maxTypoDistance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  return 2;
}

/**
 * The candidate closest to `word` within the typo budget of its length, or undefined. Ties go to
 * the higher trigram similarity, then to the earlier candidate. For short candidate lists
 * (suggestions in error messages); use a corrector for a whole vocabulary.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = maxTypoDistance(lower.length);
  let best: { word: string; distance: number; similarity: number } | undefined;
  for (const candidate of candidates) {
    const distance = damerauLevenshtein(lower, candidate.toLowerCase(), max);
    if (distance > max) continue;
    const similarity = trigramSimilarity(lower, candidate);
    if (!best || distance < best.distance || (distance === best.distance && similarity > best.similarity)) {
      best = { word: candidate, distance, similarity };
    }
  }
  return best?.word;
}
