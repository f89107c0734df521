import { EscherError, type Cloud, type Resource } from '@escher/protocol';
import type { ImportFormatId } from './import-format.ts';
import { readRecords } from './read-records.ts';
import { createImporter } from './record-importer.ts';
import { sniffFormat } from './sniff-format.ts';

/** A record that was not imported, and why, as the summary lists it. */
export interface SkippedRecord {
  record: number;
  reason: string;
}

/** What reading a file gave, before anything is written. */
export interface ParsedImport {
  format: ImportFormatId;
  /** Records read (valid, ignored and skipped). */
  records: number;
  /** Resources per cloud, serialised (a 100k-record import holds JSON text, not objects). */
  resources: Map<Cloud, string[]>;
  imported: number;
  skipped: SkippedRecord[];
  /** Valid records of kinds Escher does not model (or merged into others), counted by kind. */
  ignored: Record<string, number>;
  notes: string[];
}

/**
 * Tag keys and values no cloud allows anywhere near (AWS and Azure cap values at 256 characters,
 * GCP labels at 63): a record beyond these is corrupt or hostile, and is skipped.
 */
export const TAG_KEY_LIMIT = 512;
export const TAG_VALUE_LIMIT = 4096;

/**
 * Reads an export file into normalised resources without writing anything: sniffs (or checks)
 * the format, streams the records — twice when the format relates records to each other — and
 * normalises each with the provider's importer. A bad file throws a `UserError` naming the
 * record; a bad record is skipped with its reason; duplicate ids and absurd tags are skipped too.
 */
export async function parseImport(
  file: string,
  options: { format?: ImportFormatId; now?: () => number } = {},
): Promise<ParsedImport> {
  const { format, layout } = await sniffFormat(file, options.format);
  const importer = createImporter(format, options.now ?? Date.now);
  if (importer.observe) {
    const markers = importer.observeOnly ? { onlyContaining: importer.observeOnly } : {};
    for await (const record of readRecords(file, layout, markers))
      if (record.value !== undefined) importer.observe(record.value);
  }
  const out: ParsedImport = {
    format,
    records: 0,
    resources: new Map(),
    imported: 0,
    skipped: [],
    ignored: {},
    notes: [],
  };
  const firstSeen = new Map<string, number>();
  for await (const record of readRecords(file, layout)) {
    out.records += 1;
    const skip = (reason: string) => out.skipped.push({ record: record.number, reason });
    if (record.error !== undefined) {
      skip(`${record.path}: ${record.error}`);
      continue;
    }
    let outcome: { resources: Resource[] } | { ignored: string };
    try {
      outcome = importer.normalise(record.value, record.path);
    } catch (error) {
      skip(
        error instanceof EscherError && error.code === 'import-record-invalid'
          ? error.message
          : `${record.path}: could not be normalised (${error instanceof Error ? error.message : String(error)})`,
      );
      continue;
    }
    if ('ignored' in outcome) {
      out.ignored[outcome.ignored] = (out.ignored[outcome.ignored] ?? 0) + 1;
      continue;
    }
    const problem = outcome.resources.map((r) => badTags(r)).find(Boolean);
    if (problem) {
      skip(`${record.path}: ${problem}`);
      continue;
    }
    const dup = outcome.resources.find((r) => firstSeen.has(r.id));
    if (dup) {
      skip(`${record.path}: duplicate id ${dup.id} (first in record ${firstSeen.get(dup.id)})`);
      continue;
    }
    for (const resource of outcome.resources) {
      firstSeen.set(resource.id, record.number);
      const list = out.resources.get(resource.cloud) ?? [];
      list.push(JSON.stringify(resource));
      out.resources.set(resource.cloud, list);
      out.imported += 1;
    }
  }
  out.notes = importer.notes?.() ?? [];
  return out;
}

function badTags(resource: Resource): string | undefined {
  for (const [key, value] of Object.entries(resource.tags)) {
    if (key.length > TAG_KEY_LIMIT)
      return `tag key '${key.slice(0, 40)}…' is ${key.length} characters (the limit is ${TAG_KEY_LIMIT})`;
    if (value.length > TAG_VALUE_LIMIT)
      return `tags.${key}: value is ${value.length} characters (the limit is ${TAG_VALUE_LIMIT}; clouds allow 256)`;
  }
  return undefined;
}
