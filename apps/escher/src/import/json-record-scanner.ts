import { UserError } from '@escher/protocol';

/** A value the scanner cut out of the document: a record, or another top-level field. */
export type ScannedValue =
  | { kind: 'record'; index: number; path: string; bytes: Buffer; offset: number }
  | { kind: 'field'; key: string; bytes: Buffer };

export interface ScannerOptions {
  /**
   * Top-level keys whose array holds the records (`configurationItems`, `Results`, `data`,
   * `resources`). A top-level array always holds records.
   */
  recordKeys: readonly string[];
  /** A record (or field) larger than this is a file error: nothing real is that big. */
  maxValueBytes: number;
}

const enum S {
  Start,
  ObjKeyOrEnd,
  ObjKey,
  ObjKeyString,
  ObjColon,
  ObjValue,
  ObjCommaOrEnd,
  ArrElemOrEnd,
  ArrElem,
  ArrCommaOrEnd,
  Value,
  Done,
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Cuts the records out of one JSON document as it streams past, chunk by chunk, without building
 * the document: the records array (top level, or under one of `recordKeys` of a top-level object)
 * is walked byte by byte — strings, escapes and nesting tracked — and each element's bytes are
 * handed out whole, for the caller to decode and parse. Memory is one record at a time. Works on
 * bytes, not text, so a record with bytes that are not UTF-8 can be refused on its own while the
 * rest of the file is read. The document's own syntax (commas, colons, brackets, a truncated
 * end) is checked here; each record's inside is checked by `JSON.parse`.
 */
export class JsonRecordScanner {
  /** The key that held the records (undefined for a top-level array, or none found yet). */
  recordsKey: string | undefined;
  /** What the document is, once its first byte was seen. */
  topLevel: 'array' | 'object' | undefined;
  /** Top-level keys seen, in order. */
  readonly keys: string[] = [];
  private state = S.Start;
  private offset = 0;
  private index = 0;
  private key = '';
  private keyParts: Buffer[] = [];
  private keyStart = 0;
  // The value being captured.
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private captureStart = -1;
  private valueOffset = 0;
  private valueKind: 'record' | 'field' = 'record';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private returnState = S.Done;

  constructor(private readonly options: ScannerOptions) {}

  /** Feeds the next chunk; returns the values it completed. Throws `import-json-invalid`. */
  push(chunk: Buffer): ScannedValue[] {
    const out: ScannedValue[] = [];
    let i = 0;
    if (this.state === S.Value) this.captureStart = 0;
    if (this.state === S.ObjKeyString) this.keyStart = 0;
    while (i < chunk.length) {
      const b = chunk[i]!;
      switch (this.state) {
        case S.Start:
          if (WS.has(b)) break;
          if (b === 0x7b) {
            this.topLevel = 'object';
            this.state = S.ObjKeyOrEnd;
          } else if (b === 0x5b) {
            this.topLevel = 'array';
            this.state = S.ArrElemOrEnd;
          } else throw this.error(i, `expected '{' or '[' to start the document, found ${show(b)}`);
          break;
        case S.ObjKeyOrEnd:
        case S.ObjKey:
          if (WS.has(b)) break;
          if (b === QUOTE) {
            this.state = S.ObjKeyString;
            this.keyParts = [];
            this.keyStart = i + 1;
            this.escaped = false;
          } else if (b === 0x7d && this.state === S.ObjKeyOrEnd) this.state = S.Done;
          else throw this.error(i, `expected a key in quotes, found ${show(b)}`);
          break;
        case S.ObjKeyString:
          if (this.escaped) this.escaped = false;
          else if (b === BACKSLASH) this.escaped = true;
          else if (b === QUOTE) {
            this.keyParts.push(chunk.subarray(this.keyStart, i));
            const raw = Buffer.concat(this.keyParts).toString('utf8');
            this.key = parseKey(raw) ?? raw;
            this.keys.push(this.key);
            this.state = S.ObjColon;
          }
          break;
        case S.ObjColon:
          if (WS.has(b)) break;
          if (b !== 0x3a) throw this.error(i, `expected ':' after "${this.key}", found ${show(b)}`);
          this.state = S.ObjValue;
          break;
        case S.ObjValue:
          if (WS.has(b)) break;
          if (b === 0x5b && this.recordsKey === undefined && this.options.recordKeys.includes(this.key)) {
            this.recordsKey = this.key;
            this.state = S.ArrElemOrEnd;
            break;
          }
          this.beginValue(chunk, i, 'field', S.ObjCommaOrEnd);
          continue;
        case S.ObjCommaOrEnd:
          if (WS.has(b)) break;
          if (b === 0x2c) this.state = S.ObjKey;
          else if (b === 0x7d) this.state = S.Done;
          else throw this.error(i, `expected ',' or '}' after the value of "${this.key}", found ${show(b)}`);
          break;
        case S.ArrElemOrEnd:
        case S.ArrElem:
          if (WS.has(b)) break;
          if (b === 0x5d && this.state === S.ArrElemOrEnd) {
            this.state = this.topLevel === 'array' ? S.Done : S.ObjCommaOrEnd;
            break;
          }
          if (b === 0x5d) throw this.error(i, `a record must follow the ',' after ${this.last()}`);
          this.beginValue(chunk, i, 'record', S.ArrCommaOrEnd);
          continue;
        case S.ArrCommaOrEnd:
          if (WS.has(b)) break;
          if (b === 0x2c) this.state = S.ArrElem;
          else if (b === 0x5d) this.state = this.topLevel === 'array' ? S.Done : S.ObjCommaOrEnd;
          else throw this.error(i, `expected ',' or ']' after ${this.last()}, found ${show(b)}`);
          break;
        case S.Value: {
          const end = this.scan(chunk, i);
          if (end < 0) {
            i = chunk.length;
            continue;
          }
          out.push(this.finishValue(chunk, end));
          i = this.scalar ? end : end + 1;
          this.state = this.returnState;
          continue;
        }
        case S.Done:
          if (WS.has(b)) break;
          throw this.error(i, `unexpected ${show(b)} after the end of the JSON document`);
      }
      i += 1;
    }
    if (this.state === S.Value) this.keep(chunk.subarray(this.captureStart));
    if (this.state === S.ObjKeyString) this.keyParts.push(chunk.subarray(this.keyStart));
    this.offset += chunk.length;
    return out;
  }

  /** The end of the file: anything still open means the file was cut short. */
  end(): void {
    if (this.state === S.Start) throw new UserError('import-file-empty', 'The file is empty');
    if (this.state !== S.Done) throw this.truncated();
  }

  /** Records read so far. */
  get records(): number {
    return this.index;
  }

  private beginValue(chunk: Buffer, i: number, kind: 'record' | 'field', returnState: S): void {
    this.state = S.Value;
    this.valueKind = kind;
    this.returnState = returnState;
    this.parts = [];
    this.partsBytes = 0;
    this.captureStart = i;
    this.valueOffset = this.offset + i;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = chunk[i] !== 0x7b && chunk[i] !== 0x5b && chunk[i] !== QUOTE;
  }

  /**
   * Scans the value from `from`; returns the index of its last byte (a closing bracket or quote),
   * the index of the delimiter after a scalar, or -1 when the chunk ends first.
   */
  private scan(chunk: Buffer, from: number): number {
    // Most bytes of a record are inside strings: jump between quotes and backslashes with
    // indexOf instead of looking at every byte (the next backslash is searched for once per run).
    let nextBackslash = -2;
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.scalar) {
        if (b === 0x2c || b === 0x5d || b === 0x7d || isSpace(b)) return i;
        continue;
      }
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const quote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
          this.escaped = true;
          i = nextBackslash;
          continue;
        }
        if (quote === -1) return -1;
        i = quote;
        this.inString = false;
        if (this.depth === 0) return i;
        continue;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === 0x7b || b === 0x5b) this.depth += 1;
      else if (b === 0x7d || b === 0x5d) {
        this.depth -= 1;
        if (this.depth === 0) return i;
      }
    }
    return -1;
  }

  private keep(part: Buffer): void {
    this.partsBytes += part.length;
    if (this.partsBytes > this.options.maxValueBytes) {
      const what = this.valueKind === 'record' ? this.current() : `the value of "${this.key}"`;
      throw new UserError(
        'import-record-too-large',
        `${what} is larger than ${Math.round(this.options.maxValueBytes / 1048576)} MiB`,
        { hint: 'Nothing a cloud exports is that large: check the file is the export you meant' },
      );
    }
    this.parts.push(Buffer.from(part));
  }

  private finishValue(chunk: Buffer, end: number): ScannedValue {
    this.keep(chunk.subarray(this.captureStart, this.scalar ? end : end + 1));
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    if (this.valueKind === 'field') return { kind: 'field', key: this.key, bytes };
    const index = this.index++;
    return { kind: 'record', index, path: this.pathOf(index), bytes, offset: this.valueOffset };
  }

  private pathOf(index: number): string {
    return this.recordsKey === undefined ? `[${index}]` : `${this.recordsKey}[${index}]`;
  }

  private current(): string {
    return `record ${this.index + 1} (${this.pathOf(this.index)})`;
  }

  private last(): string {
    return this.index === 0 ? 'the opening [' : `record ${this.index} (${this.pathOf(this.index - 1)})`;
  }

  private truncated(): UserError {
    const where =
      this.state === S.Value && this.valueKind === 'record'
        ? `the file ends inside ${this.current()}`
        : this.index > 0
          ? `the file ends after ${this.last()}, before the document is closed`
          : 'the file ends before the document is closed';
    return new UserError('import-json-truncated', `${where}: the JSON is truncated`, {
      hint: 'The export was cut short (a full disk, an interrupted download?): export again',
    });
  }

  private error(i: number, problem: string): UserError {
    const inRecords = this.recordsKey !== undefined || this.topLevel === 'array';
    const near = inRecords && this.index > 0 ? ` (after ${this.last()})` : '';
    return new UserError(
      'import-json-invalid',
      `Invalid JSON at byte ${this.offset + i}${near}: ${problem}`,
      {
        hint: 'The file is not well-formed JSON: check it with `jq . FILE`',
      },
    );
  }
}

function parseKey(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

function show(b: number): string {
  return b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
