/** The retrievers whose ranked lists hybrid search fuses. */
export const RETRIEVERS = ['bm25', 'typo', 'vector'] as const;
export type Retriever = (typeof RETRIEVERS)[number];

/** One retriever's candidates, best first. `score` is the retriever's own (BM25, similarity, …). */
export interface RankedList<Id> {
  retriever: Retriever;
  /** How much a rank in this list counts; 1 is the default. */
  weight: number;
  hits: readonly { id: Id; score: number }[];
}

/** Where one candidate stood in one list, and what that added to its fused score. */
export interface ListStanding {
  /** 1-based rank in the list. */
  rank: number;
  /** The retriever's own score at that rank. */
  score: number;
  /** weight / (k + rank). */
  contribution: number;
}

/** A candidate after fusion, with its standing in each list it appeared in. */
export interface FusedCandidate<Id> {
  id: Id;
  /** Sum of the contributions. */
  fused: number;
  lists: Partial<Record<Retriever, ListStanding>>;
}

/**
 * Reciprocal-rank fusion constant: a rank r adds weight / (k + r). 60 is Cormack et al.'s value
 * (SIGIR 2009); a large k flattens the head, so agreement across lists beats one list's top spot.
 */
export const DEFAULT_RRF_K = 60;

/**
 * Reciprocal-rank fusion (Cormack, Clarke & Büttcher 2009): each list adds weight / (k + rank)
 * to every candidate it holds. It needs no score calibration, which is the point: BM25 scores,
 * trigram overlaps and cosine similarities live on scales that cannot be added.
 *
 * Ties break on the best single rank, then on first appearance, so the order is deterministic.
 *
 * @example
 * fuseRankings([{ retriever: 'bm25', weight: 1, hits: [{ id: 'a', score: 9 }] }])[0].fused // 1 / 61
 */
export function fuseRankings<Id>(
  lists: readonly RankedList<Id>[],
  options: { k?: number } = {},
): FusedCandidate<Id>[] {
  const k = options.k ?? DEFAULT_RRF_K;
  const byId = new Map<Id, FusedCandidate<Id> & { best: number; order: number }>();
  for (const list of lists) {
    list.hits.forEach((hit, index) => {
      const rank = index + 1;
      const contribution = list.weight / (k + rank);
      let candidate = byId.get(hit.id);
      if (!candidate) {
        candidate = { id: hit.id, fused: 0, lists: {}, best: rank, order: byId.size };
        byId.set(hit.id, candidate);
      }
      // A retriever that lists an id twice counts it once, at its better rank.
      if (candidate.lists[list.retriever]) return;
      candidate.lists[list.retriever] = { rank, score: hit.score, contribution };
      candidate.fused += contribution;
      candidate.best = Math.min(candidate.best, rank);
    });
  }
  return [...byId.values()]
    .sort((a, b) => b.fused - a.fused || a.best - b.best || a.order - b.order)
    .map(({ id, fused, lists: standing }) => ({ id, fused, lists: standing }));
}

/**
 * The fused score a candidate ranked first in every list would get: the scale on which a
 * result's score becomes a number in (0, 1] that means the same from query to query.
 */
export function maxFusedScore(
  lists: readonly Pick<RankedList<unknown>, 'weight'>[],
  k = DEFAULT_RRF_K,
): number {
  return lists.reduce((sum, list) => sum + list.weight / (k + 1), 0);
}
