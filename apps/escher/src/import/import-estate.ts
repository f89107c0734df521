import { basename } from 'node:path';
import { UserError, type Cloud, type Resource } from '@escher/protocol';
import type { Store, StoreScope } from '../store/index.ts';
import type { ImportFormatId } from './import-format.ts';
import { parseImport, type SkippedRecord } from './parse-import.ts';

/** What `escher import` reports (`--json` prints exactly this). */
export interface ImportSummary {
  format: ImportFormatId;
  /** The named account scope the resources were imported into. */
  account: string;
  /** Resources written. */
  imported: number;
  /** Records not imported because something is wrong with them; each is in `reasons`. */
  skipped: number;
  reasons: SkippedRecord[];
  /** Valid records of kinds Escher does not model (or merged into others), by kind. */
  ignored: Record<string, number>;
  added: number;
  changed: number;
  removed: number;
  /** Records read in all. */
  records: number;
  /** What the format cannot carry, said once per import. */
  notes: string[];
  /** The change set's id: `escher history`, the store's `changesSince`, … */
  syncId: number;
  durationMs: number;
}

export interface ImportOptions {
  format?: ImportFormatId;
  /** The account scope's name; default from the file name (see `defaultImportName`). */
  account?: string;
  /** The clock ages and runtime deprecations are judged at. */
  now?: () => number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The clouds whose import scopes a format writes (an Escher export may hold all three). */
const CLOUDS_OF: Readonly<Record<ImportFormatId, readonly Cloud[]>> = {
  'aws-config': ['aws'],
  'azure-resource-graph': ['azure'],
  'gcp-asset-inventory': ['gcp'],
  escher: ['aws', 'azure', 'gcp'],
};

/**
 * The scope name of an import when `--account` is not given: the file's name without its
 * directory and JSON / gzip extensions, lower-cased, anything but letters, digits, `.`, `_`, `-` made a
 * dash (`~/exports/AWS Config 2025-11.json` → `aws-config-2025-11`). Importing the same file
 * name again replaces what the last import of it brought.
 */
export function defaultImportName(file: string, format: ImportFormatId): string {
  const name = basename(file)
    .replace(/(\.(json|ndjson|jsonl|txt|gz))+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 64);
  return name || format;
}

/**
 * Imports an export file into the store, into one scope per cloud named
 * `{ cloud, account: NAME, region: 'global', service: 'import:<format>' }`, each replaced whole in
 * one transaction: re-importing replaces what the last import under that name brought (and the
 * change set says what changed). Nothing is written when the file is bad, or when records were
 * read but none could be imported (a wrong file must not empty a good import).
 */
export async function importEstate(
  store: Store,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  if (options.account !== undefined && !NAME.test(options.account))
    throw new UserError('import-name-invalid', `'${options.account}' is not a usable import name`, {
      hint: 'Use letters, digits, . _ - (at most 64), e.g. --account prod-config',
    });
  const parsed = await parseImport(file, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const account = options.account ?? defaultImportName(file, parsed.format);
  if (parsed.imported === 0 && parsed.skipped.length > 0)
    throw new UserError(
      'import-nothing-valid',
      `None of the ${parsed.records} records of ${file} could be imported; nothing was written. First: record ${parsed.skipped[0]!.record}: ${parsed.skipped[0]!.reason}`,
      { hint: 'Check that the file is the export you meant, and --format if you gave one' },
    );
  const syncId = store.beginSync();
  const totals = { added: 0, changed: 0, removed: 0 };
  for (const cloud of CLOUDS_OF[parsed.format]) {
    const scope: StoreScope = { cloud, account, region: 'global', service: `import:${parsed.format}` };
    const result = store.replaceScope(scope, revive(parsed.resources.get(cloud) ?? []), syncId);
    totals.added += result.added;
    totals.changed += result.changed;
    totals.removed += result.removed;
  }
  store.finishSync(syncId, { apiCalls: 0 });
  return {
    format: parsed.format,
    account,
    imported: parsed.imported,
    skipped: parsed.skipped.length,
    reasons: parsed.skipped,
    ignored: parsed.ignored,
    ...totals,
    records: parsed.records,
    notes: parsed.notes,
    syncId,
    durationMs: Date.now() - started,
  };
}

function* revive(lines: readonly string[]): Generator<Resource> {
  for (const line of lines) yield JSON.parse(line) as Resource;
}
