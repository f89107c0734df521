import type { BlastEntry, BlastRadius, GraphEdge, GraphNode, Resource, ResourceType } from '@escher/protocol';
import { UserError } from '@escher/protocol';
import type { KnownResource, StoredEdge } from '../store/resources/edge-query.ts';
import { impactRule } from './impact-rules.ts';

/** What the graph reads: `Store.edges()` fits. */
export interface GraphSource {
  /** Relationships of live resources that point at any of `targetIds`. */
  incoming(targetIds: readonly string[]): StoredEdge[];
  /** The ids the store knows, live or removed. */
  known(ids: readonly string[]): Map<string, KnownResource>;
}

/** How far the blast radius walks. */
export interface BlastOptions {
  /** Hops from the resource; 0 = no blast radius. Default 5, at most 20. */
  maxDepth?: number;
  /** Most resources reported; the walk stops there and says `truncated`. Default 10,000. */
  limit?: number;
}

export const DEFAULT_BLAST_DEPTH = 5;
export const MAX_BLAST_DEPTH = 20;
export const DEFAULT_BLAST_LIMIT = 10_000;

/**
 * The resource graph over the store (SPEC section 2): each resource's relationships in both
 * directions, and its blast radius. Nothing is loaded up front: outgoing edges come with the
 * resource, incoming edges are one store scan per call, so a blast radius costs one scan per
 * level it reaches (chains end after 2–4 levels in practice: key → volume → instance → LB).
 *
 * @example
 * const graph = new ResourceGraph(store.edges());
 * const { outgoing, incoming } = graph.neighbours(sg);
 * graph.blastRadius(sg, { maxDepth: 3 }).count; // instances, LBs, … that depend on the group
 */
export class ResourceGraph {
  constructor(private readonly source: GraphSource) {}

  /** The resource's relationships both ways, each with the resource at the other end. */
  neighbours(resource: Resource): { outgoing: GraphEdge[]; incoming: GraphEdge[] } {
    const incomingEdges = this.source.incoming([resource.id]);
    const known = this.source.known([
      ...resource.relationships.map((r) => r.targetId),
      ...incomingEdges.map((e) => e.sourceId),
    ]);
    const outgoing = resource.relationships.map((r): GraphEdge => ({
      kind: r.kind,
      direction: 'outgoing',
      node: toNode(r.targetId, known),
    }));
    const incoming = incomingEdges.map((e): GraphEdge => ({
      kind: e.kind,
      direction: 'incoming',
      node: toNode(e.sourceId, known),
    }));
    return { outgoing: sortEdges(outgoing), incoming: sortEdges(incoming) };
  }

  /**
   * Every live resource affected, directly or transitively, if `resource` is stopped, deleted or
   * changed, following the per-kind rules of `impact-rules.ts`. Breadth first, so each resource
   * is reported at its shortest distance, once; the start resource is never part of it (cycles
   * end there). Removed and dangling resources cannot be affected and are skipped.
   */
  blastRadius(resource: Resource, options: BlastOptions = {}): BlastRadius {
    const maxDepth = options.maxDepth ?? DEFAULT_BLAST_DEPTH;
    const limit = options.limit ?? DEFAULT_BLAST_LIMIT;
    if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_BLAST_DEPTH) {
      throw new UserError(
        'depth-invalid',
        `Depth must be an integer from 0 to ${MAX_BLAST_DEPTH}, not ${maxDepth}`,
        {
          hint: `e.g. --depth 3 (default ${DEFAULT_BLAST_DEPTH})`,
        },
      );
    }
    if (!Number.isInteger(limit) || limit < 1) {
      throw new UserError('limit-invalid', `The blast radius limit must be a positive integer, not ${limit}`);
    }
    const visited = new Set([resource.id]);
    const entries: BlastEntry[] = [];
    let frontier: Resource[] = [resource];
    let truncated = false;
    for (let depth = 1; depth <= maxDepth && frontier.length > 0 && !truncated; depth += 1) {
      const reached = this.dependentsOf(frontier, visited);
      const known = this.source.known([...reached.keys()]);
      const level: { entry: BlastEntry; resource: Resource }[] = [];
      for (const [id, via] of reached) {
        const found = known.get(id);
        if (!found || found.removedAt !== undefined) continue;
        level.push({ entry: { depth, via, node: liveNode(found.resource) }, resource: found.resource });
      }
      level.sort((a, b) => compareNodes(a.entry.node, b.entry.node));
      frontier = [];
      for (const item of level) {
        if (entries.length >= limit) {
          truncated = true;
          break;
        }
        visited.add(item.resource.id);
        entries.push(item.entry);
        frontier.push(item.resource);
      }
    }
    return summarise(entries, maxDepth, limit, truncated);
  }

  /** Not yet visited resources that depend on any frontier resource, with the edge that says so. */
  private dependentsOf(
    frontier: readonly Resource[],
    visited: ReadonlySet<string>,
  ): Map<string, BlastEntry['via']> {
    const reached = new Map<string, BlastEntry['via']>();
    const offer = (id: string, via: BlastEntry['via']): void => {
      if (!visited.has(id) && !reached.has(id)) reached.set(id, via);
    };
    for (const edge of this.source.incoming(frontier.map((r) => r.id))) {
      if (impactRule(edge.kind).direction === 'source')
        offer(edge.sourceId, { id: edge.targetId, kind: edge.kind });
    }
    for (const node of frontier) {
      for (const rel of node.relationships) {
        if (impactRule(rel.kind).direction === 'target') offer(rel.targetId, { id: node.id, kind: rel.kind });
      }
    }
    return reached;
  }
}

/** A related resource as the graph shows it: live, removed (last known) or dangling. */
export function toNode(id: string, known: ReadonlyMap<string, KnownResource>): GraphNode {
  const found = known.get(id);
  if (!found) return { id, status: 'dangling' };
  const node = liveNode(found.resource);
  if (found.removedAt !== undefined) node.status = 'removed';
  return node;
}

function liveNode(r: Resource): GraphNode {
  const node: GraphNode = {
    id: r.id,
    status: 'live',
    type: r.type,
    name: r.name,
    cloud: r.cloud,
    account: r.account,
    region: r.region,
  };
  if (r.state !== undefined) node.state = r.state;
  if (r.environment !== undefined) node.environment = r.environment;
  return node;
}

function compareNodes(a: GraphNode, b: GraphNode): number {
  return (
    (a.type ?? '~').localeCompare(b.type ?? '~') ||
    (a.name ?? '').localeCompare(b.name ?? '') ||
    a.id.localeCompare(b.id)
  );
}

function sortEdges(edges: GraphEdge[]): GraphEdge[] {
  return edges.sort((a, b) => a.kind.localeCompare(b.kind) || compareNodes(a.node, b.node));
}

function summarise(entries: BlastEntry[], maxDepth: number, limit: number, truncated: boolean): BlastRadius {
  const byDepth = new Map<number, number>();
  const byType = new Map<ResourceType, number>();
  let production = 0;
  for (const { depth, node } of entries) {
    byDepth.set(depth, (byDepth.get(depth) ?? 0) + 1);
    if (node.type) byType.set(node.type, (byType.get(node.type) ?? 0) + 1);
    if (node.environment === 'prod') production += 1;
  }
  return {
    maxDepth,
    limit,
    truncated,
    count: entries.length,
    byDepth: [...byDepth].map(([depth, count]) => ({ depth, count })),
    byType: [...byType]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    production: { count: production, share: entries.length === 0 ? 0 : production / entries.length },
    resources: entries,
  };
}
