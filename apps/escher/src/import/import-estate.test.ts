import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscherError } from '@escher/protocol';
import { openTempStore, type TempStore } from '../store/testing/index.ts';
import { defaultImportName, importEstate } from './import-estate.ts';

const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const INSTANCE = 'arn:aws:ec2:us-east-1:210987654321:instance/i-0123456789abcdef0';

describe('importEstate into a real store', () => {
  let t: TempStore;
  let dir: string;
  before(async () => {
    t = await openTempStore();
    dir = mkdtempSync(join(tmpdir(), 'escher-import-estate-'));
  });
  after(() => {
    t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The snapshot fixture, edited, under a fixed file name (the default import name). */
  function snapshot(edit: (items: Record<string, unknown>[]) => void = () => {}): string {
    const doc = JSON.parse(readFileSync(fixture('aws-config-snapshot.json'), 'utf8')) as {
      configurationItems: Record<string, unknown>[];
    };
    edit(doc.configurationItems);
    const path = join(dir, 'Prod Config 2025-11.json');
    writeFileSync(path, JSON.stringify(doc));
    return path;
  }

  it('imports into a named scope, keeping each resource its own account and region', async () => {
    const s = await importEstate(t.store, snapshot());
    assert.equal(s.account, 'prod-config-2025-11');
    assert.deepEqual(
      [s.format, s.imported, s.added, s.changed, s.removed, s.skipped],
      ['aws-config', 3, 3, 0, 0, 0],
    );
    const vm = t.store.getResource(INSTANCE)!;
    assert.deepEqual([vm.account, vm.region, vm.state], ['210987654321', 'us-east-1', 'stopped']);
    assert.equal(t.store.getResource('arn:aws:iam::210987654321:role/batch-runner')!.region, 'global');
  });

  it('re-importing the same file changes nothing', async () => {
    const s = await importEstate(t.store, snapshot());
    assert.deepEqual([s.imported, s.added, s.changed, s.removed], [3, 0, 0, 0]);
  });

  it('re-importing a newer export replaces the scope and records the change set', async () => {
    t.clock.advance(60_000);
    const s = await importEstate(
      t.store,
      snapshot((items) => {
        (items[0]!['configuration'] as Record<string, unknown>)['state'] = { code: 16, name: 'running' };
        items.splice(2, 1);
      }),
    );
    assert.deepEqual([s.added, s.changed, s.removed], [0, 1, 1]);
    assert.equal(t.store.getResource(INSTANCE)!.state, 'running');
    assert.equal(t.store.getResource('arn:aws:iam::210987654321:role/batch-runner'), undefined);
    const last = t.store.history(INSTANCE).at(-1)!;
    assert.equal(last.syncId, s.syncId);
    assert.deepEqual(
      last.changes?.find((c) => c.field === 'state'),
      { field: 'state', before: 'stopped', after: 'running' },
    );
  });

  it('writes nothing when no record of a file could be imported', async () => {
    const bad = snapshot((items) => items.forEach((i) => delete i['resourceType']));
    await assert.rejects(
      importEstate(t.store, bad),
      (e: unknown) =>
        e instanceof EscherError &&
        e.code === 'import-nothing-valid' &&
        /record 1: configurationItems\[0\]\.resourceType: missing/.test(e.message),
    );
    assert.equal(t.store.getResource(INSTANCE)!.state, 'running');
  });

  it('a mixed-cloud escher export fills one scope per cloud; a smaller one empties the others', async () => {
    const mixed = fixture('escher-mixed-clouds.json');
    const first = await importEstate(t.store, mixed, { account: 'lab' });
    assert.deepEqual([first.added, first.removed], [3, 0]);
    assert.deepEqual(
      t.store
        .listResources({ ids: ['//storage.googleapis.com/projects/_/buckets/lake-raw'] })
        .map((r) => r.account),
      ['data-lake-2209'],
    );
    const doc = JSON.parse(readFileSync(mixed, 'utf8')) as { resources: { cloud: string }[] };
    const awsOnly = join(dir, 'aws-only.json');
    writeFileSync(
      awsOnly,
      JSON.stringify({ count: 1, resources: doc.resources.filter((r) => r.cloud === 'aws') }),
    );
    const second = await importEstate(t.store, awsOnly, { account: 'lab' });
    assert.deepEqual([second.added, second.changed, second.removed], [0, 0, 2]);
  });

  it('refuses an import name that cannot be one', async () => {
    await assert.rejects(
      importEstate(t.store, snapshot(), { account: '../etc' }),
      /not a usable import name/,
    );
  });

  it('derives the default name from the file name', () => {
    assert.equal(defaultImportName('/x/AWS Config 2025-11.json', 'aws-config'), 'aws-config-2025-11');
    assert.equal(defaultImportName('assets.ndjson', 'gcp-asset-inventory'), 'assets');
    assert.equal(
      defaultImportName('123_Config_eu-west-1_ConfigSnapshot.json.gz', 'aws-config'),
      '123_config_eu-west-1_configsnapshot',
    );
    assert.equal(defaultImportName('/tmp/.json', 'escher'), 'escher');
  });
});
