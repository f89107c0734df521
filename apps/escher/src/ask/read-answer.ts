import type { Intent, IntentCondition, Resource } from '@escher/protocol';

/** The read actions (SPEC section 4), answered on the client from the resolved targets. */
export const READ_ACTIONS: ReadonlySet<string> = new Set(['list', 'count', 'describe', 'cost', 'check']);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const money = (usd: number): string =>
  `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** "compute.instance resource" → words for the answer. */
function what(intent: Intent): string {
  return intent.resourceType ? `${intent.resourceType} resource` : 'resource';
}

/** A condition in a few words ("public", "without tag owner", "engine = postgres"). */
export function conditionText(c: IntentCondition): string {
  switch (c.kind) {
    case 'flag':
      return c.negated ? `not ${c.flag}` : c.flag;
    case 'tag':
      return c.negated ? `without tag ${c.key}` : `with tag ${c.key}`;
    case 'text':
      return c.negated ? `not "${c.text}"` : `"${c.text}"`;
    case 'field':
      return `${c.field} ${c.op} ${Array.isArray(c.value) ? c.value.join('|') : c.value}`;
    case 'filter':
      return c.expression;
  }
}

function scope(intent: Intent, withConditions = true): string {
  const region = Array.isArray(intent.region) ? `${intent.region.length} regions` : intent.region;
  const parts = [intent.cloud, region, intent.environment, intent.state].filter(Boolean);
  const tags = Object.entries(intent.tags).map(([k, v]) => `${k}=${v}`);
  const conditions = intent.conditions.map(conditionText);
  const all = [...parts, ...tags, ...(withConditions ? conditions : [])];
  return all.length > 0 ? ` (${all.join(', ')})` : '';
}

function groupKey(resource: Resource, by: string): string {
  if (by.startsWith('tag:')) return resource.tags[by.slice(4)] ?? '(none)';
  const value = (resource as unknown as Record<string, unknown>)[by];
  return typeof value === 'string' ? value : '(none)';
}

function groups(
  targets: readonly Resource[],
  by: string,
  value: (r: Resource) => number,
): [string, number][] {
  const out = new Map<string, number>();
  for (const r of targets) out.set(groupKey(r, by), (out.get(groupKey(r, by)) ?? 0) + value(r));
  return [...out].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The answer of a read action in sentences, from what the store holds: how many, what they cost
 * a month, which fail a check, what a named resource is. Figures come from the local estate
 * only; the server never sees them.
 */
export function readAnswer(intent: Intent, targets: readonly Resource[]): string {
  const n = targets.length;
  const by = intent.params.groupBy;
  switch (intent.action) {
    case 'count': {
      const head = `You have ${plural(n, what(intent))}${scope(intent)}.`;
      const t = intent.params.threshold;
      const verdict = t ? ` That is ${meets(n, t.op, t.value) ? '' : 'not '}${t.op} ${t.value}.` : '';
      const grouped = by
        ? ` By ${by}: ${groups(targets, by, () => 1)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}.`
        : '';
      return head + verdict + grouped;
    }
    case 'cost': {
      const known = targets.filter((r) => typeof r.costMonthly === 'number');
      if (n > 0 && known.length === 0) {
        return `No monthly cost is known for the ${plural(n, what(intent))}${scope(intent)}: the sync found no price for them.`;
      }
      const total = known.reduce((sum, r) => sum + (r.costMonthly ?? 0), 0);
      const head = `${plural(n, what(intent))}${scope(intent)} cost ${money(total)} a month`;
      const coverage = known.length < n ? ` (cost known for ${known.length} of them)` : '';
      const grouped =
        by && known.length > 0
          ? ` By ${by}: ${groups(known, by, (r) => r.costMonthly ?? 0)
              .slice(0, 10)
              .map(([k, v]) => `${k} ${money(v)}`)
              .join(', ')}.`
          : '';
      const period = intent.params.period
        ? ` This is the current monthly rate; spend for ${intent.params.period.label}${intent.params.comparePeriod ? ` vs ${intent.params.comparePeriod.label}` : ''} needs the cost history, which is not synced yet.`
        : '';
      return `${head}${coverage}.${grouped}${period}`;
    }
    case 'check': {
      const flags = intent.conditions
        .filter((c) => c.kind === 'flag')
        .map((c) => (c.negated ? `not ${c.flag}` : c.flag));
      const finding = flags.length > 0 ? flags.join(' and ') : 'matching';
      return n === 0
        ? `No ${what(intent)}${scope(intent, false)} is ${finding}.`
        : `${plural(n, what(intent))}${scope(intent, false)} ${n === 1 ? 'is' : 'are'} ${finding}: ${names(targets)}.`;
    }
    case 'describe': {
      if (n === 0) return `Nothing in your estate matches${scope(intent)}.`;
      return targets.slice(0, 3).map(describe).join(' ') + (n > 3 ? ` And ${n - 3} more.` : '');
    }
    default:
      return n === 0
        ? `No ${what(intent)}${scope(intent)} found.`
        : `Found ${plural(n, what(intent))}${scope(intent)}: ${names(targets)}.`;
  }
}

function names(targets: readonly Resource[]): string {
  const shown = targets.slice(0, 5).map((r) => r.name);
  return targets.length > 5 ? `${shown.join(', ')} and ${targets.length - 5} more` : shown.join(', ');
}

function describe(r: Resource): string {
  const size = r.attributes['size'];
  const facts = [
    `${r.type} on ${r.cloud} in ${r.region}`,
    r.state ? `state ${r.state}` : undefined,
    r.environment ? `environment ${r.environment}` : undefined,
    typeof size === 'string' || typeof size === 'number' ? `size ${size}` : undefined,
    typeof r.costMonthly === 'number' ? `${money(r.costMonthly)} a month` : undefined,
    `tags ${Object.keys(r.tags).join(', ') || 'none'}`,
  ].filter(Boolean);
  return `${r.name}: ${facts.join(', ')}.`;
}

function meets(n: number, op: string, value: number): boolean {
  switch (op) {
    case '>':
      return n > value;
    case '>=':
      return n >= value;
    case '<':
      return n < value;
    case '<=':
      return n <= value;
    case '!=':
      return n !== value;
    default:
      return n === value;
  }
}
