import { GcpError, notFound } from '../errors.ts';
import { findProject } from '../estate.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { schemaFields } from './billing-table.ts';

function datasetsOf(call: GcpCall): string[] {
  const project = findProject(call.estate, call.params['project']!)?.projectId;
  if (!project) throw new GcpError(404, 'notFound', `Not found: Project ${call.params['project']}`);
  return project === call.estate.billing.project ? [call.estate.billing.dataset] : [];
}

function tableJson(call: GcpCall, full: boolean): Record<string, unknown> {
  const b = call.estate.billing;
  const created = String(Date.parse(`${b.rows[0]?.date ?? '2024-01-01'}T00:00:00Z`));
  return {
    kind: 'bigquery#table',
    id: `${b.project}:${b.dataset}.${b.table}`,
    tableReference: { projectId: b.project, datasetId: b.dataset, tableId: b.table },
    type: 'TABLE',
    timePartitioning: { type: 'DAY' },
    creationTime: created,
    ...(full
      ? {
          schema: { fields: schemaFields() },
          numRows: String(b.rows.length),
          location: 'US',
          selfLink: `${call.base}/bigquery/v2/projects/${b.project}/datasets/${b.dataset}/tables/${b.table}`,
        }
      : {}),
  };
}

const prefix = '/bigquery/v2/projects/{project}';

/** datasets.list, tables.list and tables.get: how a provider finds the billing export table. */
export const discoveryRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: `${prefix}/datasets`,
    service: 'bigquery',
    operation: 'datasets.list',
    handle(call) {
      const project = call.estate.billing.project;
      const datasets = datasetsOf(call).map((d) => ({
        kind: 'bigquery#dataset',
        id: `${project}:${d}`,
        datasetReference: { datasetId: d, projectId: project },
        location: 'US',
      }));
      return ok({
        kind: 'bigquery#datasetList',
        etag: 'escher-sim',
        datasets: datasets.length ? datasets : undefined,
      });
    },
  },
  {
    method: 'GET',
    path: `${prefix}/datasets/{dataset}/tables`,
    service: 'bigquery',
    operation: 'tables.list',
    handle(call) {
      if (!datasetsOf(call).includes(call.params['dataset']!))
        throw notFound(`Not found: Dataset ${call.params['project']}:${call.params['dataset']}`);
      return ok({
        kind: 'bigquery#tableList',
        etag: 'escher-sim',
        tables: [tableJson(call, false)],
        totalItems: 1,
      });
    },
  },
  {
    method: 'GET',
    path: `${prefix}/datasets/{dataset}/tables/{table}`,
    service: 'bigquery',
    operation: 'tables.get',
    handle(call) {
      if (
        !datasetsOf(call).includes(call.params['dataset']!) ||
        call.params['table'] !== call.estate.billing.table
      ) {
        throw notFound(
          `Not found: Table ${call.params['project']}:${call.params['dataset']}.${call.params['table']}`,
        );
      }
      return ok(tableJson(call, true));
    },
  },
];
