import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { EscherError, type Resource } from '@escher/protocol';
import type { ImportFormatId } from './import-format.ts';
import { parseImport, type ParsedImport } from './parse-import.ts';

const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'escher-import-parse-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes a file for one case and returns its path. */
function file(content: string | Buffer, name = `case-${++n}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const resources = (p: ParsedImport): Resource[] =>
  [...p.resources.values()].flat().map((line) => JSON.parse(line) as Resource);

async function fails(path: string, format?: ImportFormatId): Promise<string> {
  try {
    await parseImport(path, format ? { format } : {});
  } catch (error) {
    assert.ok(error instanceof EscherError && error.kind === 'user', String(error));
    return `${error.code}: ${error.message}`;
  }
  assert.fail(`expected ${path} to be refused`);
}

describe('parseImport: every format, told from the file', () => {
  it('an AWS Config snapshot file', async () => {
    const p = await parseImport(fixture('aws-config-snapshot.json'));
    assert.equal(p.format, 'aws-config');
    assert.deepEqual([p.records, p.imported, p.skipped.length], [4, 3, 0]);
    assert.deepEqual(p.ignored, { 'AWS::EC2::RouteTable': 1 });
    assert.deepEqual(
      resources(p)
        .map((r) => `${r.type} ${r.name} ${r.state ?? '-'}`)
        .sort(),
      [
        'compute.instance batch-worker-1 stopped',
        'iam.role batch-runner -',
        'network.vpc vpc-0aa11bb22cc33dd44 available',
      ],
    );
    assert.ok(p.notes.length > 0);
  });

  it('`aws configservice select-resource-config` output (results as JSON strings)', async () => {
    const p = await parseImport(fixture('aws-select-resource-config.json'));
    assert.equal(p.format, 'aws-config');
    assert.equal(p.imported, 2);
    assert.equal(resources(p).find((r) => r.type === 'compute.instance')!.environment, 'staging');
  });

  it('`az graph query` output and a bare array of rows', async () => {
    const p = await parseImport(fixture('azure-graph.json'));
    assert.equal(p.format, 'azure-resource-graph');
    assert.deepEqual(
      resources(p)
        .map((r) => r.type)
        .sort(),
      ['database.instance', 'iam.role', 'security.key'],
    );
    assert.deepEqual(p.ignored, { 'microsoft.portal/dashboards': 1 });
    const bare = await parseImport(fixture('azure-graph-array.json'));
    assert.equal(bare.format, 'azure-resource-graph');
    assert.equal(bare.imported, 2);
  });

  it('`gcloud asset export` NDJSON with an iam-policy line, and search-all-resources output', async () => {
    const p = await parseImport(fixture('gcp-asset-export.ndjson'));
    assert.equal(p.format, 'gcp-asset-inventory');
    const snapshot = resources(p).find((r) => r.type === 'compute.snapshot')!;
    assert.deepEqual(snapshot.attributes['publicMembers'], ['allAuthenticatedUsers']);
    assert.equal(resources(p).find((r) => r.type === 'compute.volume')!.attributes['size'], 500);
    assert.deepEqual(Object.keys(p.ignored).sort(), [
      'IAM policy (merged into compute.googleapis.com/Snapshot assets)',
      'pubsub.googleapis.com/Topic',
    ]);
    const search = await parseImport(fixture('gcp-search-all-resources.json'));
    assert.equal(search.format, 'gcp-asset-inventory');
    assert.deepEqual(
      resources(search)
        .map((r) => r.id)
        .sort(),
      resources(p)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('an escher export holding three clouds', async () => {
    const p = await parseImport(fixture('escher-mixed-clouds.json'));
    assert.equal(p.format, 'escher');
    assert.deepEqual([...p.resources.keys()].sort(), ['aws', 'azure', 'gcp']);
  });

  it('a gzipped snapshot, as AWS Config delivers it to S3 (.json.gz)', async () => {
    const gz = gzipSync(readFileSync(fixture('aws-config-snapshot.json')));
    const p = await parseImport(file(gz, 'ConfigSnapshot.json.gz'));
    assert.deepEqual([p.format, p.imported], ['aws-config', 3]);
    assert.match(
      await fails(file(gz.subarray(0, gz.length - 20), 'cut.json.gz')),
      /^import-gzip-invalid: .*not a whole gzip file/,
    );
  });

  it('NDJSON of any format (jq -c), a UTF-8 BOM, CRLF line ends', async () => {
    const az = JSON.parse(readFileSync(fixture('azure-graph.json'), 'utf8')) as { data: unknown[] };
    const lines = az.data.map((r) => JSON.stringify(r)).join('\r\n');
    const p = await parseImport(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines)])));
    assert.equal(p.format, 'azure-resource-graph');
    assert.equal(p.imported, 3);
    const doc = await parseImport(file(`\ufeff${readFileSync(fixture('aws-config-snapshot.json'), 'utf8')}`));
    assert.equal(doc.imported, 3);
  });
});

describe('parseImport: bad files are refused with what is wrong and where', () => {
  it('truncated JSON, naming the record it ends in', async () => {
    assert.equal(
      await fails(fixture('aws-config-truncated.json')),
      'import-json-truncated: the file ends inside record 2 (configurationItems[1]): the JSON is truncated',
    );
  });

  it('a CSV, an unrelated JSON, an empty file, whitespace, UTF-16', async () => {
    assert.match(
      await fails(fixture('inventory.csv')),
      /^import-format-unknown: .*inventory\.csv is not JSON: it starts with "id,name,type,region"/,
    );
    assert.match(
      await fails(fixture('unrelated.json')),
      /import-format-unknown: .*none of the formats .*top-level keys: name, version, dependencies/,
    );
    assert.match(await fails(file('')), /^import-file-empty:/);
    assert.match(await fails(file(' \n\t\n')), /^import-file-empty:/);
    assert.match(
      await fails(file(Buffer.from('\ufeff[{"id":1}]', 'utf16le'))),
      /^import-file-encoding: .*UTF-16/,
    );
    assert.match(await fails(file('[]')), /import-format-unknown: .*the array is empty/);
  });

  it('the wrong --format, and a format whose records key is absent', async () => {
    assert.match(
      await fails(fixture('azure-graph.json'), 'aws-config'),
      /^import-format-mismatch: .* looks like azure-resource-graph .*not aws-config/,
    );
    assert.match(
      await fails(fixture('unrelated.json'), 'escher'),
      /^import-no-records: The document has no resources array of records \(its keys: name, version, dependencies\)/,
    );
  });

  it('broken JSON between records', async () => {
    const text = readFileSync(fixture('aws-config-snapshot.json'), 'utf8').replace('},\n    {', '}\n    {');
    assert.match(
      await fails(file(text)),
      /^import-json-invalid: Invalid JSON at byte \d+ \(after record 1 \(configurationItems\[0\]\)\): expected ',' or ']'/,
    );
  });
});

describe('parseImport: bad records are skipped with their reason, the rest imported', () => {
  it('missing fields and duplicate ids', async () => {
    const p = await parseImport(fixture('aws-duplicate-and-bad.json'));
    assert.equal(p.imported, 2);
    assert.deepEqual(p.skipped, [
      {
        record: 3,
        reason:
          'configurationItems[2]: duplicate id arn:aws:ec2:us-east-1:210987654321:instance/i-0123456789abcdef0 (first in record 1)',
      },
      { record: 4, reason: 'configurationItems[3].resourceType: missing' },
    ]);
  });

  it('missing and malformed Azure ids', async () => {
    const p = await parseImport(fixture('azure-missing-ids.json'));
    assert.equal(p.imported, 1);
    assert.deepEqual(
      p.skipped.map((s) => s.reason),
      [
        'data[1].id: missing',
        "data[2].id: 'orders-kv' is not an Azure resource id (/subscriptions/…/providers/…)",
      ],
    );
  });

  it('a record with a 1 MB tag value', async () => {
    const az = JSON.parse(readFileSync(fixture('azure-graph.json'), 'utf8')) as {
      data: Record<string, unknown>[];
    };
    az.data[0]!['tags'] = { Environment: 'prd', notes: 'x'.repeat(1024 * 1024) };
    const p = await parseImport(file(JSON.stringify(az)));
    assert.equal(p.imported, 2);
    assert.deepEqual(p.skipped, [
      {
        record: 1,
        reason: 'data[0]: tags.notes: value is 1048576 characters (the limit is 4096; clouds allow 256)',
      },
    ]);
  });

  it('bytes that are not UTF-8, in a JSON document and in NDJSON', async () => {
    const text = readFileSync(fixture('aws-config-snapshot.json'));
    const at = text.indexOf('batch-worker-1');
    const latin1 = Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at + 1)]);
    const p = await parseImport(file(latin1));
    assert.equal(p.imported, 2);
    assert.match(
      p.skipped[0]!.reason,
      /^configurationItems\[0\]: not valid UTF-8 \(first bad byte at offset \d+ of the record\)/,
    );
    const lines = readFileSync(fixture('gcp-asset-export.ndjson'));
    const nl = lines.indexOf(0x0a);
    const bad = Buffer.concat([
      lines.subarray(0, 20),
      Buffer.from([0xc3, 0x28]),
      lines.subarray(22, nl),
      lines.subarray(nl),
    ]);
    const q = await parseImport(file(bad, 'bad.ndjson'));
    assert.deepEqual(
      q.skipped.map((s) => [s.record, s.reason.slice(0, 30)]),
      [[1, 'line 1: not valid UTF-8 (first']],
    );
  });

  it('an NDJSON line that is not JSON, and a last line cut short', async () => {
    const lines = readFileSync(fixture('gcp-asset-export.ndjson'), 'utf8').split('\n');
    const text = [lines[0], '{"name": oops}', lines[2], lines[3]!.slice(0, 50)].join('\n');
    const p = await parseImport(file(text, 'cut.ndjson'));
    assert.deepEqual(
      p.skipped.map((s) => s.record),
      [2, 4],
    );
    assert.match(
      p.skipped[1]!.reason,
      /^line 4: not valid JSON .*the last line has no newline: truncated\?$/,
    );
  });

  it('an escher export with an invalid resource, by field', async () => {
    const doc = JSON.parse(readFileSync(fixture('escher-mixed-clouds.json'), 'utf8')) as {
      resources: Record<string, unknown>[];
    };
    doc.resources[1]!['type'] = 'storage.bukket';
    delete doc.resources[2]!['id'];
    const p = await parseImport(file(JSON.stringify(doc)));
    assert.equal(p.imported, 1);
    assert.match(p.skipped[0]!.reason, /^resources\[1\]\.type: /);
    assert.match(p.skipped[1]!.reason, /^resources\[2\]\.id: /);
  });
});
