import { intentToFilter, pushdown, toPredicate } from '@escher/knowledge';
import type { Intent, Resource } from '@escher/protocol';
import type { ResourceFilter } from '../store/index.ts';

/** The part of the store target resolution needs. */
export interface TargetSource {
  listResources(filter?: ResourceFilter): Resource[];
}

/**
 * The resources an intent selects, found locally (never by the server): the filter language's
 * expression of the intent, its equality constraints pushed to the store, the rest evaluated
 * per resource; then "the 3 largest" / "top 5 most expensive" ordering and limit.
 *
 * `within` narrows to the previous turn's targets ("stop them", "only the ones in eu-west-1"):
 * a follow-up acts on what was found then, not on what the words would find now (after
 * "stop the running VMs", "undo that" must find those VMs although they no longer run).
 */
export function resolveTargets(source: TargetSource, intent: Intent, within?: readonly string[]): Resource[] {
  const expr = intentToFilter(intent);
  const push = pushdown(expr);
  const filter: ResourceFilter = {};
  if (push.type) filter.type = push.type;
  if (push.cloud) filter.cloud = push.cloud;
  if (push.region) filter.region = push.region;
  if (push.environment) filter.environment = push.environment;
  if (push.state) filter.state = push.state;
  if (within) filter.ids = [...within];
  const matches = toPredicate(expr);
  let found = source.listResources(filter).filter(matches);
  const { orderBy, limit } = intent.params;
  if (orderBy) {
    const sign = orderBy.direction === 'asc' ? 1 : -1;
    found = [...found].sort((a, b) => compare(valueOf(a, orderBy.field), valueOf(b, orderBy.field), sign));
  }
  if (typeof limit === 'number' && limit >= 0) found = found.slice(0, limit);
  return found;
}

function valueOf(resource: Resource, field: string): number | string | undefined {
  if (field === 'cost' || field === 'costMonthly') return resource.costMonthly;
  if (field === 'createdAt' || field === 'age') return resource.createdAt;
  if (field === 'name') return resource.name;
  const attr = resource.attributes[field] ?? resource.attributes['sizeGb'] ?? resource.attributes['size'];
  return typeof attr === 'number' || typeof attr === 'string' ? attr : undefined;
}

/** Unknown values last, whichever the direction. */
function compare(a: number | string | undefined, b: number | string | undefined, sign: number): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return sign * (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
}
