import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError } from '@escher/protocol';
import { JsonRecordScanner } from './json-record-scanner.ts';

/** Scans `text` fed in chunks of `size` bytes; returns the parsed records and fields. */
function scan(text: string | Buffer, size: number, recordKeys = ['items']) {
  const scanner = new JsonRecordScanner({ recordKeys, maxValueBytes: 1024 });
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const records: unknown[] = [];
  const paths: string[] = [];
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < bytes.length; i += size)
    for (const v of scanner.push(bytes.subarray(i, i + size))) {
      if (v.kind === 'record') {
        records.push(JSON.parse(v.bytes.toString('utf8')));
        paths.push(v.path);
      } else fields[v.key] = JSON.parse(v.bytes.toString('utf8'));
    }
  scanner.end();
  return { records, paths, fields, recordsKey: scanner.recordsKey };
}

function error(text: string, size = 3): string {
  try {
    scan(text, size);
  } catch (e) {
    assert.ok(e instanceof EscherError, String(e));
    return `${e.code}: ${e.message}`;
  }
  assert.fail('expected an error');
}

const DOC = JSON.stringify({
  count: 3,
  meta: { note: 'a "quoted" ] } string', list: [1, [2, { x: '\\' }]] },
  items: [{ a: 'x}]"y', b: [1, 2, { c: null }] }, 'a JSON string record {', 42, [true, false]],
  tail: 'ünïcødé ✓',
});

describe('JsonRecordScanner', () => {
  it('cuts the same records out however the bytes are chunked', () => {
    const whole = JSON.parse(DOC) as { items: unknown[]; count: number; meta: unknown; tail: string };
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const { records, paths, fields, recordsKey } = scan(DOC, size);
      assert.deepEqual(records, whole.items, `chunk size ${size}`);
      assert.deepEqual(paths, ['items[0]', 'items[1]', 'items[2]', 'items[3]']);
      assert.deepEqual(fields, { count: 3, meta: whole.meta, tail: whole.tail });
      assert.equal(recordsKey, 'items');
    }
  });

  it('reads a top-level array, pretty-printed, and an empty one', () => {
    const { records, paths } = scan(JSON.stringify([{ id: 1 }, { id: 2 }], null, 2), 5);
    assert.deepEqual(records, [{ id: 1 }, { id: 2 }]);
    assert.deepEqual(paths, ['[0]', '[1]']);
    assert.deepEqual(scan(' [ ] ', 1).records, []);
  });

  it('says where the JSON breaks, naming the record before', () => {
    assert.equal(
      error('{"items": [{"a": 1} {"a": 2}]}'),
      "import-json-invalid: Invalid JSON at byte 20 (after record 1 (items[0])): expected ',' or ']' after record 1 (items[0]), found '{'",
    );
    assert.match(
      error('{"items": [{"a": 1},]}'),
      /a record must follow the ',' after record 1 \(items\[0\]\)/,
    );
    assert.match(error('{"items": []} trailing'), /unexpected 't' after the end of the JSON document/);
    assert.match(error('{"count" 1}'), /expected ':' after "count"/);
    assert.match(error('id,name\n1,x'), /expected '\{' or '\[' to start the document, found 'i'/);
  });

  it('calls a cut-off file truncated, inside a record or after one', () => {
    assert.equal(
      error('{"items": [{"a": 1}, {"b": [1, 2'),
      'import-json-truncated: the file ends inside record 2 (items[1]): the JSON is truncated',
    );
    assert.equal(
      error('{"items": [{"a": 1}'),
      'import-json-truncated: the file ends after record 1 (items[0]), before the document is closed: the JSON is truncated',
    );
    assert.match(error('{"items": [{"a": "unterminated'), /ends inside record 1/);
  });

  it('refuses a record larger than the limit, by number', () => {
    assert.match(
      error(`[{"a": 1}, {"big": "${'x'.repeat(2000)}"}]`, 100),
      /import-record-too-large: record 2 \(\[1\]\) is larger than/,
    );
  });

  it('passes bytes through untouched, so a record that is not UTF-8 can be refused alone', () => {
    const bytes = Buffer.concat([
      Buffer.from('[{"a":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"},{"b":2}]'),
    ]);
    const scanner = new JsonRecordScanner({ recordKeys: [], maxValueBytes: 1024 });
    const values = scanner.push(bytes);
    scanner.end();
    assert.equal(values.length, 2);
    assert.deepEqual([...values[0]!.bytes.subarray(6, 8)], [0xff, 0xfe]);
  });
});
