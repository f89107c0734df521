import type { IntentCondition, RequestIntent, Resource, SimManifest } from '@escher/protocol';
import { parseLabelled } from '../../../../../packages/knowledge/src/intent/fixtures/intent-scoring.ts';
import {
  LABELLED_REQUESTS,
  type LabelledRequest,
} from '../../../../../packages/knowledge/src/intent/fixtures/labelled-requests.ts';
import type { ResourceFilter } from '../../store/index.ts';
import { resolveTargets, type TargetSource } from '../resolve-targets.ts';

/**
 * Target-set exactness of `escher ask` (issue 6): each labelled request that selects resources
 * is parsed, resolved by the client's own path (`resolveTargets`: intentToFilter, pushdown,
 * evaluate), and compared with the set an independent reference computes from the LABEL over
 * the estate — plain comparisons over the resources' fields, and the simulator's manifest for
 * the security and cost flags (its misconfiguration lists are what the generator planted). Where
 * the manifest says less than the clouds do, the reference reads the cloud's facts itself:
 * firewall rules open to the world on any port, the provider's `public` for types with no
 * planted exposure check, tags of service-linked roles, and which resources can carry tags at
 * all. It shares no code with the filter language, so a wrong flag definition or a lost synonym
 * shows as a miss.
 */
export interface ExactnessRow {
  request: string;
  expected: number;
  got: number;
  exact: boolean;
  /** Ids in one set only (a few, for the report). */
  missing: string[];
  extra: string[];
}

export interface ExactnessReport {
  rows: ExactnessRow[];
  /** Labelled requests left out, with why (ties under a limit, no selection, a period). */
  excluded: { request: string; why: string }[];
  exact: number;
  /** Exactness over requests whose expected set is not empty. */
  exactNonEmpty: number;
  nonEmpty: number;
}

/** Flag → the manifest's checks that plant it, per type (`*` = any type). */
const FLAG_CHECKS: Record<string, Record<string, string[]>> = {
  public: {
    'storage.bucket': ['storage.bucket.public'],
    'database.instance': ['database.instance.public'],
    'network.firewall': [
      'network.firewall.open-ssh',
      'network.firewall.open-rdp',
      'network.firewall.open-all',
    ],
    'compute.snapshot': ['compute.snapshot.public'],
    'compute.instance': ['compute.instance.public-ip'],
    'container.cluster': ['container.cluster.public-endpoint'],
  },
  unencrypted: {
    'storage.bucket': ['storage.bucket.unencrypted'],
    'compute.volume': ['compute.volume.unencrypted'],
    'database.instance': ['database.instance.unencrypted'],
  },
  unattached: {
    'compute.volume': ['compute.volume.unattached'],
    'network.ip': ['network.ip.unassociated'],
  },
  idle: { 'compute.instance': ['compute.instance.idle'] },
  untagged: { '*': ['resource.untagged'] },
};
/** Flags that are the negation of another, over the types that flag applies to. */
const NEGATED_FLAGS: Record<string, string> = {
  attached: 'unattached',
  encrypted: 'unencrypted',
  private: 'public',
};

const lower = (v: unknown): string => String(v).toLowerCase();
const list = (v: string | readonly string[] | number): string[] =>
  (typeof v === 'number' ? [String(v)] : typeof v === 'string' ? [v] : [...v]).map(lower);

/** Sources that mean "anyone on the Internet", in each cloud's rule syntax. */
const WORLD_SOURCES = new Set(['0.0.0.0/0', '::/0', '*', 'internet', 'any']);
const isWorld = (source: unknown): boolean => WORLD_SOURCES.has(lower(source));

/**
 * Whether a firewall allows any ingress from the whole Internet, read from the rules as each
 * cloud returns them (AWS `ingress`, Azure `ingressRules`, GCP `permissions`): the manifest lists
 * only the world-open SSH, RDP and all-port rules it planted, not the HTTPS ones every estate has.
 * Azure deny rules in front of an allow are not weighed (the simulator plants none that shadow).
 */
function firewallOpenToWorld(r: Resource): boolean {
  type Rule = { sources?: unknown[]; ranges?: unknown[]; action?: string; direction?: string };
  const a = r.attributes;
  if (a['enabled'] === false || a['direction'] === 'egress') return false;
  const rules = [a['ingress'], a['ingressRules'], a['permissions']].flatMap((v) =>
    Array.isArray(v) ? (v as Rule[]) : [],
  );
  return rules.some(
    (rule) =>
      (rule.action ?? 'allow') === 'allow' &&
      (rule.direction ?? 'ingress') === 'ingress' &&
      [...(rule.sources ?? []), ...(rule.ranges ?? [])].some(isWorld),
  );
}

/**
 * Untaggable resources, as each cloud documents them: GCP networks, subnetworks, firewall rules
 * and service accounts have no labels, Azure subnets no tags, AWS managed KMS keys refuse tags.
 */
function untaggable(r: Resource): boolean {
  if (r.cloud === 'gcp')
    return ['network.vpc', 'network.subnet', 'network.firewall', 'iam.role'].includes(r.type);
  if (r.cloud === 'azure') return r.type === 'network.subnet';
  return r.type === 'security.key' && r.attributes['customerManaged'] === false;
}

function flagged(manifest: SimManifest, flag: string, r: Resource): boolean | undefined {
  const negate = NEGATED_FLAGS[flag];
  const base = negate ?? flag;
  const checks = FLAG_CHECKS[base];
  if (!checks) return undefined;
  const ids = checks[r.type] ?? checks['*'];
  const listed = (ids ?? []).some((id) =>
    manifest.misconfigurations[id as keyof SimManifest['misconfigurations']]?.resources.includes(r.id),
  );
  let hit = listed;
  if (base === 'public' && r.type === 'network.firewall') hit = listed || firewallOpenToWorld(r);
  else if (base === 'public' && !ids) {
    // Types the simulator plants no exposure check for (load balancers, function apps, key
    // vaults, addresses, subnets): the provider's own `public`, tested against each API's fields.
    const own = r.attributes['public'];
    if (typeof own !== 'boolean') return false;
    hit = own;
  } else if (!ids) return false;
  // The simulator exempts AWS service-linked roles from `resource.untagged`, but IAM's TagRole
  // tags them like any role, so one without env/owner misses a required tag.
  if (base === 'untagged' && !listed && r.type === 'iam.role' && r.attributes['serviceLinked'] === true)
    hit = !hasEnvAndOwner(r);
  if (base === 'untagged' && untaggable(r)) return false;
  return negate ? !hit : hit;
}

function hasEnvAndOwner(r: Resource): boolean {
  const keys = Object.keys(r.tags).map(lower);
  return ['env', 'environment', 'stage'].some((k) => keys.includes(k)) && keys.includes('owner');
}

function fieldValue(r: Resource, field: string): unknown {
  switch (field) {
    case 'type':
    case 'cloud':
    case 'region':
    case 'environment':
    case 'account':
    case 'state':
    case 'name':
      return r[field];
    case 'cost':
      return r.costMonthly;
    case 'createdAt':
      return r.createdAt === undefined ? undefined : Date.parse(r.createdAt);
    case 'engine':
      return r.attributes['engine'];
    default:
      return field.startsWith('attributes.') ? r.attributes[field.slice(11)] : undefined;
  }
}

function conditionHolds(manifest: SimManifest, c: IntentCondition, r: Resource): boolean | undefined {
  switch (c.kind) {
    case 'flag': {
      const f = flagged(manifest, c.flag, r);
      return f === undefined ? undefined : c.negated ? !f : f;
    }
    case 'tag': {
      const has = Object.keys(r.tags).some((k) => k.toLowerCase() === c.key.toLowerCase());
      return c.negated ? !has : has;
    }
    case 'text': {
      // The filter language's free word: a substring of the name, the id or a tag value.
      const text = c.text.toLowerCase();
      const has = [r.name, r.id, ...Object.values(r.tags)].some((v) => v.toLowerCase().includes(text));
      return c.negated ? !has : has;
    }
    case 'filter':
      return undefined;
    case 'field': {
      const value = fieldValue(r, c.field);
      if (c.op === '=' || c.op === '!=') {
        const wanted = list(c.value);
        const v = value === undefined ? undefined : lower(value);
        const eq = v !== undefined && wanted.some((w) => v === w || (c.field === 'engine' && v.includes(w)));
        return c.op === '=' ? eq : !eq;
      }
      const bound = typeof c.value === 'number' ? c.value : Date.parse(list(c.value)[0] ?? '');
      if (typeof value !== 'number') return false;
      return c.op === '>'
        ? value > bound
        : c.op === '>='
          ? value >= bound
          : c.op === '<'
            ? value < bound
            : value <= bound;
    }
  }
}

/** The reference: does the resource satisfy the label? `undefined` when it cannot say. */
export function labelMatches(
  manifest: SimManifest,
  label: Partial<RequestIntent>,
  r: Resource,
): boolean | undefined {
  if (label.resourceType && r.type !== label.resourceType) return false;
  if (label.cloud && r.cloud !== label.cloud) return false;
  if (label.account && r.account !== label.account) return false;
  if (label.region != null && !list(label.region).includes(r.region.toLowerCase())) return false;
  if (label.environment && r.environment !== label.environment) return false;
  if (label.state && lower(r.state ?? '') !== lower(label.state)) return false;
  for (const [k, v] of Object.entries(label.tags ?? {})) {
    const key = Object.keys(r.tags).find((t) => t.toLowerCase() === k.toLowerCase());
    if (key === undefined || lower(r.tags[key]) !== lower(v)) return false;
  }
  if (label.names?.length && !label.names.map(lower).includes(r.name.toLowerCase())) return false;
  for (const c of label.conditions ?? []) {
    const holds = conditionHolds(manifest, c, r);
    if (holds === undefined) return undefined;
    if (!holds) return false;
  }
  return true;
}

function selects(label: Partial<RequestIntent>): boolean {
  return Boolean(
    label.resourceType ||
    label.cloud ||
    label.account ||
    label.region != null ||
    label.environment ||
    label.state ||
    Object.keys(label.tags ?? {}).length ||
    label.names?.length ||
    label.conditions?.length,
  );
}

/** An in-memory store: the store's equality filters, as `listResources` applies them. */
export function memorySource(resources: readonly Resource[]): TargetSource {
  return {
    listResources(filter: ResourceFilter = {}): Resource[] {
      const keep = (value: string | undefined, wanted: unknown): boolean =>
        wanted === undefined || list(wanted as string | string[]).includes(lower(value ?? ''));
      const ids = filter.ids ? new Set(filter.ids) : undefined;
      return resources.filter(
        (r) =>
          keep(r.type, filter.type) &&
          keep(r.cloud, filter.cloud) &&
          keep(r.region, filter.region) &&
          keep(r.environment, filter.environment) &&
          keep(r.state, filter.state) &&
          (!ids || ids.has(r.id)),
      );
    },
  };
}

/** Measures target-set exactness of the labelled set over an estate and its manifest. */
export function measureTargetExactness(
  resources: readonly Resource[],
  manifest: SimManifest,
  items: readonly LabelledRequest[] = LABELLED_REQUESTS,
  source: TargetSource = memorySource(resources),
): ExactnessReport {
  const rows: ExactnessRow[] = [];
  const excluded: ExactnessReport['excluded'] = [];
  for (const item of items) {
    const label = item.expect;
    if (label.action === 'other' || !selects(label)) {
      excluded.push({ request: item.request, why: 'selects nothing' });
      continue;
    }
    if (label.params?.limit !== undefined) {
      excluded.push({ request: item.request, why: 'a limit over an ordering with ties' });
      continue;
    }
    const expected: string[] = [];
    let unknown = false;
    for (const r of resources) {
      const m = labelMatches(manifest, label, r);
      if (m === undefined) unknown = true;
      else if (m) expected.push(r.id);
    }
    if (unknown) {
      excluded.push({ request: item.request, why: 'the reference cannot evaluate a condition' });
      continue;
    }
    const got = resolveTargets(source, parseLabelled(item) as never).map((r) => r.id);
    const want = new Set(expected);
    const have = new Set(got);
    const missing = expected.filter((id) => !have.has(id));
    const extra = got.filter((id) => !want.has(id));
    rows.push({
      request: item.request,
      expected: want.size,
      got: have.size,
      exact: missing.length === 0 && extra.length === 0,
      missing: missing.slice(0, 3),
      extra: extra.slice(0, 3),
    });
  }
  const nonEmpty = rows.filter((r) => r.expected > 0);
  return {
    rows,
    excluded,
    exact: rows.filter((r) => r.exact).length / Math.max(1, rows.length),
    exactNonEmpty: nonEmpty.filter((r) => r.exact).length / Math.max(1, nonEmpty.length),
    nonEmpty: nonEmpty.length,
  };
}
