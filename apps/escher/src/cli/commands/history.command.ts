import type { Command } from 'commander';
import type { HistoryReport } from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import {
  describeFieldChange,
  nodeLabel,
  resolveResource,
  toNode,
  type GraphStore,
} from '../../graph/index.ts';

/**
 * `escher history ID [--json]`: every change syncs recorded for one resource (added, changed
 * with the field-level diff before → after, removed), oldest first. Works for removed resources
 * too, by id. The JSON shape is `HistoryReportSchema` in @escher/protocol (docs/graph.md).
 */
export function registerHistory(program: Command, io: CliIo): void {
  program
    .command('history')
    .description('every recorded change of one resource, oldest first, with field-level diffs')
    .argument('<id>', 'resource id (also of a removed resource) or a unique name')
    .option('--json', 'machine output: {resourceId, resource, changes}')
    .action(async (id: string, options: { json?: boolean }) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const store = await openStore(home, io.env);
      let report: HistoryReport;
      try {
        report = buildHistory(store, id);
      } finally {
        store.close();
      }
      if (options.json) printJson(io, report);
      else printLines(io, renderHistory(report));
    });
}

/** The history of `ref`: a known id (live or removed), else a unique live name. */
export function buildHistory(store: GraphStore, ref: string): HistoryReport {
  let id = ref;
  let known = store.edges().known([ref]);
  if (!known.has(ref)) {
    id = resolveResource(store, ref).id;
    known = store.edges().known([id]);
  }
  return { resourceId: id, resource: toNode(id, known), changes: store.history(id) };
}

/** The human form: one line per sync, the field diffs indented below `changed`. */
export function renderHistory(report: HistoryReport): string[] {
  const { resource: node, changes } = report;
  const status = node.status === 'live' ? '' : ` — ${node.status}`;
  const lines = [`${node.type ?? 'resource'} ${nodeLabel(node)}${status}`, `  ${node.id}`];
  for (const change of changes) {
    lines.push(`${change.at}  sync ${change.syncId}  ${change.kind}`);
    for (const field of change.changes ?? []) lines.push(`    ${describeFieldChange(field)}`);
  }
  lines.push(`${changes.length} change${changes.length === 1 ? '' : 's'}`);
  return lines;
}
