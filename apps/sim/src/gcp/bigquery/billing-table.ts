import { BILLING_SERVICES } from '../catalog.ts';
import type { GcpEstate } from '../estate.ts';
import { SqlDate, SqlTimestamp, type Row } from './values.ts';

/** Column types of the standard Cloud Billing export, as a tree (RECORD columns nest). */
export type SchemaNode = { type: string; mode?: 'REPEATED'; fields?: Record<string, SchemaNode> };

const s = (type: string): SchemaNode => ({ type });
const rec = (fields: Record<string, SchemaNode>, repeated = false): SchemaNode => ({
  type: 'RECORD',
  fields,
  ...(repeated ? { mode: 'REPEATED' as const } : {}),
});
const kv = rec({ key: s('STRING'), value: s('STRING') }, true);

export const BILLING_SCHEMA: Record<string, SchemaNode> = {
  billing_account_id: s('STRING'),
  service: rec({ id: s('STRING'), description: s('STRING') }),
  sku: rec({ id: s('STRING'), description: s('STRING') }),
  usage_start_time: s('TIMESTAMP'),
  usage_end_time: s('TIMESTAMP'),
  project: rec({
    id: s('STRING'),
    number: s('STRING'),
    name: s('STRING'),
    labels: kv,
    ancestry_numbers: s('STRING'),
  }),
  labels: kv,
  system_labels: kv,
  location: rec({ location: s('STRING'), country: s('STRING'), region: s('STRING'), zone: s('STRING') }),
  export_time: s('TIMESTAMP'),
  cost: s('FLOAT'),
  currency: s('STRING'),
  currency_conversion_rate: s('FLOAT'),
  usage: rec({
    amount: s('FLOAT'),
    unit: s('STRING'),
    amount_in_pricing_units: s('FLOAT'),
    pricing_unit: s('STRING'),
  }),
  credits: rec(
    { name: s('STRING'), amount: s('FLOAT'), full_name: s('STRING'), id: s('STRING'), type: s('STRING') },
    true,
  ),
  invoice: rec({ month: s('STRING') }),
  cost_type: s('STRING'),
  cost_at_list: s('FLOAT'),
  transaction_type: s('STRING'),
  seller_name: s('STRING'),
  tags: rec({ key: s('STRING'), value: s('STRING'), inherited: s('BOOLEAN'), namespace: s('STRING') }, true),
};

/** Pseudo-columns of an ingestion-time partitioned table. */
export const PSEUDO_COLUMNS: Record<string, SchemaNode> = {
  _PARTITIONTIME: s('TIMESTAMP'),
  _PARTITIONDATE: s('DATE'),
};

/** The schema as BigQuery's tables.get reports it. */
export function schemaFields(nodes: Record<string, SchemaNode> = BILLING_SCHEMA): Record<string, unknown>[] {
  return Object.entries(nodes).map(([name, node]) => ({
    name,
    type: node.type,
    mode: node.mode ?? 'NULLABLE',
    fields: node.fields ? schemaFields(node.fields) : undefined,
  }));
}

const DAY = 86_400_000;

/**
 * The export's rows: one per day, project and service (usage_start_time at 08:00 UTC, which is the
 * same calendar day in every time zone from UTC-8 to UTC+15, so DATE(usage_start_time, tz) agrees).
 */
export function billingRows(estate: GcpEstate): Row[] {
  const billing = estate.billing;
  const projects = new Map(estate.projects.map((p) => [p.projectId, p]));
  const services = new Map(BILLING_SERVICES.map((svc) => [svc.name, svc]));
  return billing.rows.map((r) => {
    const day = Date.parse(`${r.date}T00:00:00Z`);
    const p = projects.get(r.account);
    const svc = services.get(r.service);
    const start = day + 8 * 3_600_000;
    return {
      billing_account_id: billing.billingAccountId,
      service: { id: svc?.id ?? '', description: r.service },
      sku: {
        id: (svc?.id ?? '0000-0000-0000').split('-').reverse().join('-'),
        description: `${r.service} usage`,
      },
      usage_start_time: new SqlTimestamp(start),
      usage_end_time: new SqlTimestamp(start + 3_600_000),
      project: {
        id: r.account,
        number: p?.projectNumber ?? null,
        name: p?.displayName ?? null,
        labels: Object.entries(p?.labels ?? {}).map(([key, value]) => ({ key, value })),
        ancestry_numbers: `/${estate.organizationId}/`,
      },
      labels: [],
      system_labels: [],
      location: { location: null, country: null, region: null, zone: null },
      export_time: new SqlTimestamp(day + DAY + 6 * 3_600_000),
      cost: r.usd,
      currency: 'USD',
      currency_conversion_rate: 1,
      usage: {
        amount: Math.round(r.usd * 3600 * 100) / 100,
        unit: 'seconds',
        amount_in_pricing_units: r.usd,
        pricing_unit: 'hour',
      },
      credits: [],
      invoice: { month: r.date.slice(0, 7).replace('-', '') },
      cost_type: 'regular',
      cost_at_list: r.usd,
      transaction_type: 'GOOGLE',
      seller_name: 'Google',
      tags: [],
      _PARTITIONTIME: new SqlTimestamp(day),
      _PARTITIONDATE: new SqlDate(r.date),
    };
  });
}
