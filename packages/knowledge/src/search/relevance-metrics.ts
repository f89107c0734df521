/**
 * Ranking-quality metrics for a labelled relevance set: how search is judged against Fuse.js,
 * MiniSearch and Orama (bench/search/relevance.ts). Every metric takes the ranked ids a search
 * returned and the graded judgements of one query (grade > 0 = relevant).
 */

/** Graded judgements of one query: id → grade (1 relevant, 2 highly relevant). Absent = 0. */
export type Judgements<Id> = ReadonlyMap<Id, number>;

/**
 * Recall at k, capped: relevant results in the top k divided by min(k, number relevant). Plain
 * recall@5 of a query with 40 relevant resources could never pass 0.125; capped, a top 5 made
 * only of relevant resources scores 1, which is what a user reading five lines cares about.
 */
export function recallAt<Id>(ranked: readonly Id[], judgements: Judgements<Id>, k: number): number {
  const relevant = countRelevant(judgements);
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (judgements.get(id) ?? 0) > 0).length;
  return found / Math.min(k, relevant);
}

/** 1 / rank of the first relevant result within the top `cutoff`, else 0 (MRR's per-query term). */
export function reciprocalRank<Id>(
  ranked: readonly Id[],
  judgements: Judgements<Id>,
  cutoff = Number.POSITIVE_INFINITY,
): number {
  const limit = Math.min(ranked.length, cutoff);
  for (let i = 0; i < limit; i += 1) if ((judgements.get(ranked[i] as Id) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

/**
 * Normalised discounted cumulative gain at k (Järvelin & Kekäläinen), with gain 2^grade − 1:
 * rewards putting the highly relevant first, then the relevant, and is 1 for the ideal order.
 */
export function ndcgAt<Id>(ranked: readonly Id[], judgements: Judgements<Id>, k: number): number {
  const gain = (grade: number): number => 2 ** grade - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += gain(judgements.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...judgements.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** The three figures the relevance set reports per engine, averaged over queries. */
export interface RelevanceSummary {
  queries: number;
  recallAt5: number;
  mrr: number;
  ndcgAt10: number;
}

/** Averages Recall@5, MRR (within the top 10) and nDCG@10 over queries. */
export function summariseRelevance<Id>(
  runs: readonly { ranked: readonly Id[]; judgements: Judgements<Id> }[],
): RelevanceSummary {
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return {
    queries: runs.length,
    recallAt5: mean(runs.map((r) => recallAt(r.ranked, r.judgements, 5))),
    mrr: mean(runs.map((r) => reciprocalRank(r.ranked, r.judgements, 10))),
    ndcgAt10: mean(runs.map((r) => ndcgAt(r.ranked, r.judgements, 10))),
  };
}

function countRelevant<Id>(judgements: Judgements<Id>): number {
  let n = 0;
  for (const grade of judgements.values()) if (grade > 0) n += 1;
  return n;
}
