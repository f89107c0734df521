import type { Resource } from '@escher/protocol';
import { evaluate } from '../filter/evaluate.ts';
import { formatFilter } from '../filter/format.ts';
import type { QueryClause } from '../query/understand-query.ts';
import {
  maxFusedScore,
  type FusedCandidate,
  type ListStanding,
  type RankedList,
  type Retriever,
} from './rank-fusion.ts';

/**
 * What a satisfied boost adds, as a share of one list's first place (1 / (k + 1)): half of it, so
 * two boosts ("postgres", "RDS") move a result about as far as agreeing with one more list.
 */
export const BOOST_WEIGHT = 0.5;

/**
 * Share of its score a result gives up for each result of the same cloud ranked above it. Small:
 * it only reorders near-ties, so "production postgres database" shows the AWS, Azure and GCP
 * servers near the top instead of ten from whichever cloud's documents BM25 happens to favour,
 * and never lifts a clearly weaker match over a stronger one.
 */
export const DIVERSITY_PENALTY = 0.02;

/** Why one result ranks where it does (`escher search --explain`). */
export interface ResultExplanation {
  /** Its rank, retriever score and RRF contribution in each list that held it. */
  lists: Partial<Record<Retriever, ListStanding>>;
  /** True when no list held it: it is here because it satisfies the filters. */
  filterOnly: boolean;
  /** Filters it satisfies, canonical (`env=prod AND type=database.instance`), and the words they came from. */
  filters: { filter: string; from: string }[];
  /** Boosts it satisfies, with what each added. */
  boosts: { boost: string; from: string; added: number }[];
  /** Sum of the list contributions and boosts, before scaling to the score. */
  fused: number;
  /** How many results of the same cloud rank above it (each costs DIVERSITY_PENALTY of its score). */
  sameCloudAbove: number;
}

/** A ranked result before it is dressed for output. */
export interface RankedResult<Id> {
  id: Id;
  resource: Resource;
  /** In (0, 1]: the fused score over the best any result could have reached for this query. */
  score: number;
  explanation: ResultExplanation;
}

/** Everything ranking needs once the lists have run and the candidates passed the filters. */
export interface RankInput<Id> {
  /** Fused candidates that passed every filter, best first (fuseRankings output, filtered). */
  fused: readonly FusedCandidate<Id>[];
  /** Further resources that satisfy the filters but no list returned (only when there are filters). */
  filterMatches: readonly { id: Id; resource: Resource }[];
  resources: ReadonlyMap<Id, Resource>;
  /** The lists that ran (their weights set the score's scale). */
  lists: readonly Pick<RankedList<Id>, 'weight'>[];
  k: number;
  boosts: readonly QueryClause[];
  filters: readonly QueryClause[];
  /**
   * What a filter-only match adds when lists ran: a text query's filter matches follow its text
   * hits (the engine passes 1 / (k + depth + 1), just past the deepest list rank).
   */
  filterOnlyContribution?: number;
  /** Results wanted: the head that diversification reorders is twice this (default: all). */
  limit?: number;
  /** The --where filter, if any, shown first among the filters. */
  where?: { filter: string; from: string };
}

/**
 * Orders hybrid-search results: each candidate's RRF score plus BOOST_WEIGHT / (k + 1) for every
 * boost it satisfies, scaled by the best score this query could produce, so a score means the
 * same across queries (1 = first in every list and every boost). Resources that only satisfy the
 * filters (a query that is all filters: "buckets not encrypted") count as first in one list —
 * they are exactly what was asked — and are ordered by boosts, then name.
 */
export function rankResults<Id>(input: RankInput<Id>): RankedResult<Id>[] {
  const unit = 1 / (input.k + 1);
  const listsRan = input.lists.length > 0;
  // Filter-only matches stand in for a list of weight 1 when no list ran; after text hits otherwise.
  const filterOnlyBase = listsRan ? (input.filterOnlyContribution ?? 0) : unit;
  const scale =
    (listsRan ? maxFusedScore(input.lists, input.k) : unit) + input.boosts.length * BOOST_WEIGHT * unit;
  const filters = [
    ...(input.where ? [input.where] : []),
    ...input.filters.map((c) => ({ filter: formatFilter(c.expr), from: c.source })),
  ];

  const results: RankedResult<Id>[] = [];
  const rank = (
    id: Id,
    resource: Resource,
    base: number,
    lists: Partial<Record<Retriever, ListStanding>>,
  ): void => {
    const boosts = input.boosts
      .filter((clause) => evaluate(clause.expr, resource))
      .map((clause) => ({
        boost: formatFilter(clause.expr),
        from: clause.source,
        added: BOOST_WEIGHT * unit,
      }));
    const fused = base + boosts.reduce((sum, b) => sum + b.added, 0);
    results.push({
      id,
      resource,
      score: scale > 0 ? Math.min(1, fused / scale) : 0,
      explanation: {
        lists,
        filterOnly: Object.keys(lists).length === 0,
        filters,
        boosts,
        fused,
        sameCloudAbove: 0,
      },
    });
  };
  for (const candidate of input.fused) {
    const resource = input.resources.get(candidate.id);
    if (resource) rank(candidate.id, resource, candidate.fused, candidate.lists);
  }
  for (const { id, resource } of input.filterMatches) rank(id, resource, filterOnlyBase, {});

  const order = new Map(results.map((r, i) => [r.id, i]));
  results.sort(
    (a, b) =>
      b.explanation.fused - a.explanation.fused ||
      // Equal scores: text hits keep their fused order; filter-only matches go by name.
      (a.explanation.filterOnly && b.explanation.filterOnly
        ? a.resource.name.localeCompare(b.resource.name) || a.resource.id.localeCompare(b.resource.id)
        : (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
  );
  return diversifyByCloud(results, input.limit ?? results.length);
}

/**
 * Greedy re-ranking of the head of the list: at each position, the result with the best score
 * after DIVERSITY_PENALTY per same-cloud result already placed. Results of one cloud keep their
 * order among themselves; the score shown is the penalised one, so scores still descend.
 */
function diversifyByCloud<Id>(ranked: RankedResult<Id>[], limit: number): RankedResult<Id>[] {
  const head = ranked.slice(0, Math.min(ranked.length, limit * 2));
  const out: RankedResult<Id>[] = [];
  const placed = new Map<string, number>();
  while (head.length > 0 && out.length < limit) {
    let best = 0;
    let bestScore = -1;
    head.forEach((r, i) => {
      const score = r.score * (1 - DIVERSITY_PENALTY * (placed.get(r.resource.cloud) ?? 0));
      if (score > bestScore + 1e-12) {
        best = i;
        bestScore = score;
      }
    });
    const [chosen] = head.splice(best, 1) as [RankedResult<Id>];
    const above = placed.get(chosen.resource.cloud) ?? 0;
    placed.set(chosen.resource.cloud, above + 1);
    out.push({ ...chosen, score: bestScore, explanation: { ...chosen.explanation, sameCloudAbove: above } });
  }
  return out;
}
