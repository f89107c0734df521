import type { Command } from 'commander';
import { UserError } from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import type { SearchHit, SearchResponse } from '../../store/index.ts';

interface SearchCommandOptions {
  limit?: string;
  where?: string;
  explain?: boolean;
  json?: boolean;
}

/**
 * `escher search "QUERY" [--limit N] [--where EXPR] [--explain] [--json]`: hybrid search over the
 * synced estate. `--json` prints SPEC section 7's `{ query, tookMs, results: [{ score, resource }] }`
 * (with `explain` per result only when `--explain` is given).
 */
export function registerSearch(program: Command, io: CliIo): void {
  program
    .command('search')
    .description(
      'search the estate in plain words: "postgres prod db", "VMs in Frankfurt", "buckets not encrypted"',
    )
    .argument('<query>', 'free text; filter syntax (env=prod, tag:owner, cost>100) works inside it too')
    .option('--limit <n>', 'at most n results', '20')
    .option('--where <expr>', 'filter language, ANDed with the query: env=prod AND NOT tag:owner')
    .option('--explain', 'show why each result matched (lists, ranks, filters, boosts)')
    .option('--json', 'machine output: {query, tookMs, results: [{score, resource}]}')
    .action(async (query: string, options: SearchCommandOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new UserError('limit-invalid', `--limit must be a positive integer, not '${options.limit}'`);
      }
      const home = resolveHome(io.env);
      requireHome(home);
      const store = await openStore(home, io.env);
      let response: SearchResponse;
      try {
        response = await store.search(query, {
          limit,
          ...(options.where !== undefined ? { where: options.where } : {}),
          explain: options.explain === true,
        });
      } finally {
        store.close();
      }
      if (options.json) {
        printJson(io, response);
        return;
      }
      printLines(io, renderSearch(response, options.explain === true));
    });
}

/** The human view: one line per result, and with --explain how the query was read and why each matched. */
export function renderSearch(response: SearchResponse, explain: boolean): string[] {
  const lines: string[] = [];
  const first = response.results[0]?.explain?.query;
  if (explain && first) {
    lines.push(`filters: ${first.filter}`);
    lines.push(`terms:   ${first.terms.length > 0 ? first.terms.join(' ') : '(none)'}`);
    if (first.corrections.length > 0) {
      lines.push(`typos:   ${first.corrections.map((c) => `${c.from} → ${c.to}`).join(', ')}`);
    }
    lines.push('');
  }
  for (const hit of response.results) {
    const r = hit.resource;
    lines.push(
      `${hit.score.toFixed(2)}  ${r.cloud.padEnd(5)} ${r.type.padEnd(20)} ${r.region.padEnd(16)} ${(r.environment ?? '-').padEnd(7)} ${(r.state ?? '-').padEnd(9)} ${r.name}`,
    );
    if (explain && hit.explain) lines.push(`      ${explainLine(hit)}`);
  }
  const count = response.results.length;
  lines.push(`${count} result${count === 1 ? '' : 's'} in ${response.tookMs} ms`);
  return lines;
}

function explainLine(hit: SearchHit): string {
  const e = hit.explain!;
  const parts: string[] = [];
  for (const [list, standing] of Object.entries(e.lists)) {
    parts.push(`${list} #${standing.rank} (${standing.score.toFixed(2)})`);
  }
  if (e.filterOnly) parts.push('matches the filters');
  for (const boost of e.boosts) parts.push(`boost ${boost.boost} ← '${boost.from}'`);
  return parts.join(' · ');
}
