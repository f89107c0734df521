import { UserError } from '@escher/protocol';
import {
  FORMAT_SOURCES,
  IMPORT_FORMATS,
  RECORD_KEYS,
  formatOfRecord,
  formatOfRecordsKey,
  type ImportFormatId,
} from './import-format.ts';
import { filePrefix } from './file-bytes.ts';
import { JsonRecordScanner } from './json-record-scanner.ts';
import type { Layout } from './read-records.ts';
import { parseRecordBytes } from './read-records.ts';

/** How much of the file is read to tell its format. */
const PREFIX = 4 * 1024 * 1024;
const ALL_KEYS = IMPORT_FORMATS.flatMap((f) => RECORD_KEYS[f]);
const HINT = `Give --format (${IMPORT_FORMATS.join(', ')}); see docs/import.md for the commands that write each`;

/** A file's format and layout. */
export interface Sniffed {
  format: ImportFormatId;
  layout: Layout;
}

/**
 * Tells a file's format and layout from its first bytes, or fails plainly: empty, UTF-16, not JSON
 * (a CSV, say), JSON that is none of the formats, or — with `expected` — another format than the
 * one asked for. NDJSON is recognised by a first line that is a complete record of a format.
 */
export async function sniffFormat(file: string, expected?: ImportFormatId): Promise<Sniffed> {
  const head = await filePrefix(file, PREFIX);
  const whole = head.whole;
  let prefix = head.bytes;
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) prefix = prefix.subarray(3);
  if (
    (prefix[0] === 0xff && prefix[1] === 0xfe) ||
    (prefix[0] === 0xfe && prefix[1] === 0xff) ||
    prefix.subarray(0, 64).includes(0)
  )
    throw new UserError('import-file-encoding', `${file} is UTF-16 (or binary), not UTF-8 JSON`, {
      hint: `Convert it first: iconv -f UTF-16 -t UTF-8 ${file} > out.json`,
    });
  const start = prefix.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (start < 0) throw new UserError('import-file-empty', `${file} is empty`, { hint: HINT });
  const first = prefix[start]!;
  if (first !== 0x7b && first !== 0x5b) {
    const head = prefix
      .subarray(start, start + 40)
      .toString('utf8')
      .split('\n')[0];
    throw new UserError('import-format-unknown', `${file} is not JSON: it starts with "${head}"`, {
      hint: `escher import reads JSON exports, not CSV or text. ${HINT}`,
    });
  }
  const found = first === 0x7b ? (ndjson(prefix, start) ?? document(prefix, whole)) : document(prefix, whole);
  if (expected && found.format && found.format !== expected)
    throw new UserError(
      'import-format-mismatch',
      `${file} looks like ${found.format} (${FORMAT_SOURCES[found.format]}), not ${expected}`,
      { hint: `Drop --format, or give --format ${found.format}` },
    );
  const format = expected ?? found.format;
  if (!format) throw new UserError('import-format-unknown', `${file}: ${found.why}`, { hint: HINT });
  return {
    format,
    layout:
      found.layout === 'ndjson' ? { kind: 'ndjson' } : { kind: 'document', recordKeys: RECORD_KEYS[format] },
  };
}

interface Guess {
  format: ImportFormatId | undefined;
  layout: 'ndjson' | 'document';
  why?: string;
}

/**
 * A first line that is a whole object, and a record of a format, means one record per line. A
 * first line shaped like one (`{…}`) that does not parse (bad bytes, a broken record) does not
 * hide the lines after it; a pretty-printed document's first line (`{`) is never such a line.
 */
function ndjson(prefix: Buffer, start: number): Guess | undefined {
  let from = start;
  for (let tries = 0; tries < 10 && from < prefix.length; tries++) {
    const nl = prefix.indexOf(0x0a, from);
    const line = prefix
      .subarray(from, nl < 0 ? prefix.length : nl)
      .toString('latin1')
      .trim();
    const bytes = prefix.subarray(from, nl < 0 ? prefix.length : nl);
    from = nl < 0 ? prefix.length : nl + 1;
    if (line === '') continue;
    if (!line.startsWith('{') || !line.endsWith('}')) return undefined;
    const parsed = parseRecordBytes(bytes);
    if (!('value' in parsed)) continue;
    const format = formatOfRecord(parsed.value);
    return format ? { format, layout: 'ndjson' } : undefined;
  }
  return undefined;
}

/** One JSON document: the key holding its records, or its first record, says the format. */
function document(prefix: Buffer, whole: boolean): Guess {
  const scanner = new JsonRecordScanner({ recordKeys: ALL_KEYS, maxValueBytes: PREFIX });
  let firstRecord: unknown;
  let sawRecord = false;
  try {
    for (const v of scanner.push(prefix))
      if (v.kind === 'record' && !sawRecord) {
        sawRecord = true;
        const parsed = parseRecordBytes(v.bytes);
        firstRecord = 'value' in parsed ? parsed.value : undefined;
      }
    if (whole) scanner.end();
  } catch (error) {
    // A prefix cut mid-value is expected; only errors inside what was read count.
    if (!(error instanceof UserError) || error.code !== 'import-record-too-large') throw error;
  }
  if (scanner.recordsKey) {
    const byKey = formatOfRecordsKey(scanner.recordsKey);
    const byRecord = sawRecord ? formatOfRecord(firstRecord) : undefined;
    return { format: byRecord ?? byKey, layout: 'document' };
  }
  if (scanner.topLevel === 'array') {
    if (sawRecord) {
      const format = formatOfRecord(firstRecord);
      return format
        ? { format, layout: 'document' }
        : {
            format: undefined,
            layout: 'document',
            why: 'its records are none of the formats escher import reads',
          };
    }
    return {
      format: undefined,
      layout: 'document',
      why: whole
        ? 'the array is empty, so nothing says which format it is'
        : 'its first record is too large to tell',
    };
  }
  const keys = scanner.keys.slice(0, 8).join(', ') || 'none';
  return {
    format: undefined,
    layout: 'document',
    why: `this JSON is none of the formats escher import reads (its top-level keys: ${keys})`,
  };
}
