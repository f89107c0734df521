import type { Resource, ResourceGraphReport } from '@escher/protocol';
import { UserError } from '@escher/protocol';
import type { TextHit } from '../store/store.types.ts';
import type { ResourceChange } from '../store/store.types.ts';
import { ResourceGraph, type BlastOptions, type GraphSource } from './resource-graph.ts';

/** The part of `Store` the graph and history views read. */
export interface GraphStore {
  getResource(id: string): Resource | undefined;
  searchText(query: string, options?: { limit?: number }): TextHit[];
  history(id: string): ResourceChange[];
  edges(): GraphSource;
}

/**
 * The live resource `ref` names: its id, or else its exact name when only one resource has it
 * (ids are long ARNs and resource paths; names are what people remember). Anything else is a
 * `UserError` that says what is known: removed (see its history), ambiguous (the ids), or unknown
 * (the closest names).
 */
export function resolveResource(store: GraphStore, ref: string): Resource {
  const byId = store.getResource(ref);
  if (byId) return byId;
  const removed = store.edges().known([ref]).get(ref);
  if (removed?.removedAt !== undefined) {
    throw new UserError(
      'resource-removed',
      `${removed.resource.type} ${removed.resource.name} was removed from the estate at ${removed.removedAt}`,
      { hint: `See what happened with: escher history ${ref}` },
    );
  }
  const hits = store.searchText(ref, { limit: 20 });
  const named = hits.filter((h) => h.resource.name === ref);
  if (named.length === 1) return (named[0] as TextHit).resource;
  if (named.length > 1) {
    throw new UserError('resource-ambiguous', `${named.length} resources are named '${ref}'`, {
      hint: `Use an id: ${named
        .slice(0, 3)
        .map((h) => h.resource.id)
        .join(', ')}`,
    });
  }
  const close = hits.slice(0, 3).map((h) => `${h.resource.name} (${h.resource.id})`);
  throw new UserError('resource-not-found', `No resource with id or name '${ref}' in the store`, {
    hint:
      close.length > 0
        ? `Did you mean ${close.join(', ')}?`
        : 'List ids with `escher resources --json`, or run `escher sync` if it is new',
  });
}

/** `escher graph`'s data: the resource, its relationships both ways, and its blast radius. */
export function buildGraphReport(
  store: GraphStore,
  ref: string,
  options: BlastOptions = {},
): ResourceGraphReport {
  const resource = resolveResource(store, ref);
  const graph = new ResourceGraph(store.edges());
  const { outgoing, incoming } = graph.neighbours(resource);
  return { resource, outgoing, incoming, blastRadius: graph.blastRadius(resource, options) };
}
