import { UserError } from '@escher/protocol';
import { fileBytes } from './file-bytes.ts';
import { JsonRecordScanner } from './json-record-scanner.ts';

/** How the records sit in the file. */
export type Layout =
  /** One JSON document: a top-level array of records, or an object with the records under one of `recordKeys`. */
  | { kind: 'document'; recordKeys: readonly string[] }
  /** One JSON value per line (`gcloud asset export`, `jq -c`). */
  | { kind: 'ndjson' };

/** One record read from the file: its value, or why it could not be read. */
export interface RawRecord {
  /** 1-based: the record's position in the document, or its line number in NDJSON. */
  number: number;
  /** Where it is, as a user would find it: `configurationItems[16]`, `line 17`. */
  path: string;
  /** Absent when the record was not parsed (see `onlyContaining`) or could not be. */
  value?: unknown;
  /** Set when the record's bytes are not UTF-8 or not JSON: the record is skipped, not the file. */
  error?: string;
}

/** What the document said besides its records. */
export interface DocumentInfo {
  recordsKey: string | undefined;
  keys: string[];
}

export interface ReadOptions {
  maxRecordBytes?: number;
  /**
   * Decode and parse only records whose bytes contain one of these strings; the others come back
   * with neither `value` nor `error`. For a first pass that cares about a few kinds of record.
   */
  onlyContaining?: readonly string[];
}

/** No export record is anywhere near this; a bigger one means the file is not what it claims. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and parses one record's bytes, or says what is wrong with them. */
export function parseRecordBytes(bytes: Buffer): { value: unknown } | { error: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)} of the record)` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Streams a file's records, one at a time, in either layout. A record whose bytes are not UTF-8
 * or not JSON comes back with `error` (the caller skips it); a file that is not JSON at all, is
 * truncated, or has no records where its layout says throws a `UserError` naming the record.
 * Returns what the document held besides its records.
 */
export async function* readRecords(
  file: string,
  layout: Layout,
  options: ReadOptions = {},
): AsyncGenerator<RawRecord, DocumentInfo> {
  const max = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const markers = options.onlyContaining?.map((m) => Buffer.from(m));
  const wanted = (bytes: Buffer): boolean => !markers || markers.some((m) => bytes.includes(m));
  let first = true;
  if (layout.kind === 'ndjson') {
    let parts: Buffer[] = [];
    let partBytes = 0;
    let line = 0;
    const emit = function* (bytes: Buffer, last: boolean): Generator<RawRecord> {
      line += 1;
      const text = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
      if (text.every((b) => b === 0x20 || b === 0x09)) return;
      const path = `line ${line}`;
      if (!wanted(text)) {
        yield { number: line, path };
        return;
      }
      const parsed = parseRecordBytes(text);
      if ('value' in parsed) yield { number: line, path, value: parsed.value };
      else
        yield {
          number: line,
          path,
          error: last ? `${parsed.error}; the last line has no newline: truncated?` : parsed.error,
        };
    };
    for await (const raw of fileBytes(file)) {
      let chunk = raw;
      if (first) {
        first = false;
        if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
      }
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        parts.push(chunk.subarray(start, nl));
        yield* emit(parts.length === 1 ? parts[0]! : Buffer.concat(parts), false);
        parts = [];
        partBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        partBytes += chunk.length - start;
        if (partBytes > max)
          throw new UserError(
            'import-record-too-large',
            `line ${line + 1} is longer than ${Math.round(max / 1048576)} MiB`,
            {
              hint: 'Nothing a cloud exports is that large: check the file is the export you meant',
            },
          );
        parts.push(Buffer.from(chunk.subarray(start)));
      }
    }
    if (parts.length) yield* emit(Buffer.concat(parts), true);
    return { recordsKey: undefined, keys: [] };
  }

  const scanner = new JsonRecordScanner({ recordKeys: layout.recordKeys, maxValueBytes: max });
  for await (const raw of fileBytes(file)) {
    let chunk = raw;
    if (first) {
      first = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    for (const v of scanner.push(chunk)) {
      if (v.kind !== 'record') continue;
      if (!wanted(v.bytes)) {
        yield { number: v.index + 1, path: v.path };
        continue;
      }
      const parsed = parseRecordBytes(v.bytes);
      yield { number: v.index + 1, path: v.path, ...parsed };
    }
  }
  scanner.end();
  if (scanner.topLevel === 'object' && scanner.recordsKey === undefined) {
    throw new UserError(
      'import-no-records',
      `The document has no ${layout.recordKeys.join(', ')} array of records (its keys: ${scanner.keys.slice(0, 8).join(', ') || 'none'})`,
      {
        hint: 'Check --format, or that the file is the command output the format names (see docs/import.md)',
      },
    );
  }
  return { recordsKey: scanner.recordsKey, keys: scanner.keys };
}

/** Where the first byte that breaks UTF-8 is. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}
