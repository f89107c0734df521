import type { Command } from 'commander';
import { UserError } from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import {
  buildGraphReport,
  DEFAULT_BLAST_DEPTH,
  DEFAULT_BLAST_LIMIT,
  MAX_BLAST_DEPTH,
  renderGraph,
} from '../../graph/index.ts';

interface GraphOptions {
  depth: string;
  limit: string;
  json?: boolean;
}

/**
 * `escher graph ID [--depth N] [--limit N] [--json]`: a resource's relationships both ways and
 * its blast radius (SPEC section 7). ID is the resource id, or its name when that is unique.
 * The JSON shape is `ResourceGraphReportSchema` in @escher/protocol (docs/graph.md).
 */
export function registerGraph(program: Command, io: CliIo): void {
  program
    .command('graph')
    .description('relationships of a resource and its blast radius (what else is affected if it changes)')
    .argument('<id>', 'resource id (ARN, Azure resource id, GCP resource name) or a unique name')
    .option('--depth <n>', `blast radius hops, 0–${MAX_BLAST_DEPTH}`, String(DEFAULT_BLAST_DEPTH))
    .option('--limit <n>', 'most resources in the blast radius', String(DEFAULT_BLAST_LIMIT))
    .option('--json', 'machine output (docs/graph.md)')
    .action(async (id: string, options: GraphOptions) => {
      const maxDepth = wholeNumber('--depth', options.depth, 0);
      const limit = wholeNumber('--limit', options.limit, 1);
      const home = resolveHome(io.env);
      requireHome(home);
      const store = await openStore(home, io.env);
      let report;
      try {
        report = buildGraphReport(store, id, { maxDepth, limit });
      } finally {
        store.close();
      }
      if (options.json) printJson(io, report);
      else printLines(io, renderGraph(report));
    });
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min) {
    throw new UserError(
      'option-invalid',
      `${flag} must be a whole number of at least ${min}, not '${text}'`,
      {
        hint: `e.g. ${flag} 3`,
      },
    );
  }
  return value;
}
