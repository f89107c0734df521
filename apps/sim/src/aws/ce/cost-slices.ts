import type { DailyCost } from '../../estate/cost.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { tagShares } from './tag-split.ts';

/** A share of one day's cost of one account and service, with the tag values it carries. */
export interface CostSlice {
  date: string;
  account: string;
  service: string;
  usd: number;
  tags: Record<string, string>;
}

export interface Expression {
  And?: Expression[];
  Or?: Expression[];
  Not?: Expression;
  Dimensions?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
  Tags?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
}

const DIMENSIONS: Record<string, (s: CostSlice) => string> = {
  LINKED_ACCOUNT: (s) => s.account,
  SERVICE: (s) => s.service,
  RECORD_TYPE: () => 'Usage',
};

/**
 * The cost rows the caller can see: the management account (the estate's first) sees every
 * linked account, a member account only its own, as with consolidated billing.
 */
export function visibleRows(call: AwsCall): DailyCost[] {
  const first = call.estate.accounts[0]?.id;
  return call.account.id === first
    ? call.estate.cost
    : call.estate.cost.filter((r) => r.account === call.account.id);
}

/** Expands rows into slices over the tag keys a query groups or filters by (none: one slice a row). */
export function toSlices(rows: readonly DailyCost[], tagKeys: readonly string[]): CostSlice[] {
  let slices: CostSlice[] = rows.map((r) => ({ ...r, tags: {} }));
  for (const key of tagKeys) {
    slices = slices.flatMap((s) =>
      tagShares(key, s.account, s.service, s.date).map(([value, share]) => ({
        ...s,
        usd: s.usd * share,
        tags: { ...s.tags, [key]: value },
      })),
    );
  }
  return slices;
}

/** Tag keys an expression filters on. */
export function expressionTagKeys(expr: Expression | undefined, out: Set<string> = new Set()): Set<string> {
  if (!expr) return out;
  if (expr.Tags?.Key) out.add(expr.Tags.Key);
  for (const e of [...(expr.And ?? []), ...(expr.Or ?? [])]) expressionTagKeys(e, out);
  expressionTagKeys(expr.Not, out);
  return out;
}

/** Cost Explorer's Expression semantics over a slice (Dimensions, Tags, And, Or, Not). */
export function matches(expr: Expression | undefined, slice: CostSlice): boolean {
  if (!expr) return true;
  const parts = [expr.And, expr.Or, expr.Not, expr.Dimensions, expr.Tags].filter(
    (p) => p !== undefined,
  ).length;
  if (parts !== 1)
    throw new AwsError(
      'ValidationException',
      'Expression must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories',
    );
  if (expr.And) return expr.And.every((e) => matches(e, slice));
  if (expr.Or) return expr.Or.some((e) => matches(e, slice));
  if (expr.Not) return !matches(expr.Not, slice);
  if (expr.Dimensions) {
    const read = DIMENSIONS[expr.Dimensions.Key ?? ''];
    if (!read)
      throw new AwsError(
        'ValidationException',
        `Dimension ${expr.Dimensions.Key} is not supported by the simulator's Cost Explorer (LINKED_ACCOUNT, SERVICE, RECORD_TYPE)`,
      );
    return test(read(slice), expr.Dimensions.Values ?? [], expr.Dimensions.MatchOptions);
  }
  const tags = expr.Tags!;
  const value = slice.tags[tags.Key ?? ''] ?? '';
  if (tags.MatchOptions?.includes('ABSENT')) return value === '';
  return test(value, tags.Values ?? [], tags.MatchOptions);
}

function test(value: string, values: readonly string[], options: readonly string[] = ['EQUALS']): boolean {
  const ci = options.includes('CASE_INSENSITIVE');
  const v = ci ? value.toLowerCase() : value;
  return values.some((raw) => {
    const w = ci ? raw.toLowerCase() : raw;
    if (options.includes('STARTS_WITH')) return v.startsWith(w);
    if (options.includes('ENDS_WITH')) return v.endsWith(w);
    if (options.includes('CONTAINS')) return v.includes(w);
    return v === w;
  });
}

/** CE's metric names, as GetCostAndUsage takes them (`UnblendedCost`, or `UNBLENDED_COST`). */
const METRICS = [
  'AmortizedCost',
  'BlendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
  'NormalizedUsageAmount',
  'UnblendedCost',
  'UsageQuantity',
];

export function readMetrics(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new AwsError('ValidationException', 'Metrics are required');
  for (const m of value) {
    const canonical = typeof m === 'string' ? m.replace(/_/g, '').toLowerCase() : '';
    if (!METRICS.some((known) => known.toLowerCase() === canonical)) {
      throw new AwsError(
        'ValidationException',
        `Metric ${String(m)} is invalid. Valid values are: ${METRICS.join(', ')}`,
      );
    }
  }
  return value as string[];
}

/** A metric's value for an amount of spend (quantities are a stand-in count of usage units). */
export function metricValue(metric: string, usd: number): { amount: number; unit: string } {
  const m = metric.replace(/_/g, '').toLowerCase();
  if (m === 'usagequantity' || m === 'normalizedusageamount') return { amount: usd * 9.5, unit: 'N/A' };
  return { amount: usd, unit: 'USD' };
}
