import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import { acquireSyncLock } from '../sync-lock.ts';
import { IMPORT_FORMATS, type ImportFormatId } from '../../import/import-format.ts';
import type { ImportSummary } from '../../import/import-estate.ts';
import { sniffFormat } from '../../import/sniff-format.ts';

/** Skipped records listed in human output; `--json` lists them all. */
const SHOWN = 20;

interface ImportCliOptions {
  format?: string;
  account?: string;
  json?: boolean;
}

/**
 * `escher import FILE [--format F] [--account NAME] [--json]`: loads a native inventory export
 * (AWS Config, Azure Resource Graph, Cloud Asset Inventory, `escher resources --json`) into a
 * named account scope, replacing what the last import under that name brought.
 */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load a native inventory export into the store (docs/import.md)')
    .argument('<file>', 'the export file')
    .option('--format <format>', `${IMPORT_FORMATS.join(' | ')} (default: told from the file)`)
    .option('--account <name>', 'the account scope to import into (default: the file name)')
    .option('--json', 'print only the summary as JSON')
    .action(async (file: string, options: ImportCliOptions) => {
      const format = parseFormat(options.format);
      const home = resolveHome(io.env);
      requireHome(home);
      requireFile(file);
      // A file that is not an export fails here, before the providers' SDKs (seconds to load).
      await sniffFormat(file, format);
      const { importEstate } = await import('../../import/import-estate.ts');
      const lock = acquireSyncLock(home);
      try {
        const store = await openStore(home, io.env);
        let summary: ImportSummary;
        try {
          summary = await importEstate(store, file, {
            ...(format ? { format } : {}),
            ...(options.account ? { account: options.account } : {}),
          });
        } finally {
          store.close();
        }
        if (options.json) printJson(io, summary);
        else printLines(io, describe(summary));
      } finally {
        lock.release();
      }
    });
}

function parseFormat(value: string | undefined): ImportFormatId | undefined {
  if (value === undefined) return undefined;
  const found = IMPORT_FORMATS.find((f) => f === value);
  if (!found)
    throw new UserError('import-format-invalid', `Unknown format '${value}'`, {
      hint: `Use one of ${IMPORT_FORMATS.join(', ')}, or leave --format out to tell it from the file`,
    });
  return found;
}

function requireFile(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UserError('import-file-missing', `No file ${file}`, {
      hint: 'Give the path of the export file',
    });
  }
  if (!isFile)
    throw new UserError('import-file-missing', `${file} is not a file`, {
      hint: 'Give the path of the export file',
    });
}

/** The human summary: what was imported, ignored and skipped, and what the format cannot say. */
function describe(s: ImportSummary): string[] {
  const lines = [
    `Imported ${s.imported} resource${s.imported === 1 ? '' : 's'} from ${s.format} into '${s.account}': ` +
      `${s.added} added, ${s.changed} changed, ${s.removed} removed (change set ${s.syncId})`,
  ];
  const ignored = Object.entries(s.ignored).sort((a, b) => b[1] - a[1]);
  if (ignored.length) {
    const total = ignored.reduce((n, [, c]) => n + c, 0);
    lines.push(`Ignored ${total} record${total === 1 ? '' : 's'} of kinds Escher does not model:`);
    for (const [kind, count] of ignored.slice(0, SHOWN)) lines.push(`  ${count} × ${kind}`);
  }
  if (s.skipped) {
    lines.push(`Skipped ${s.skipped} record${s.skipped === 1 ? '' : 's'}:`);
    for (const r of s.reasons.slice(0, SHOWN)) lines.push(`  record ${r.record}: ${r.reason}`);
    if (s.skipped > SHOWN) lines.push(`  … and ${s.skipped - SHOWN} more (all of them with --json)`);
  }
  for (const note of s.notes) lines.push(`Note: ${note}`);
  return lines;
}
