import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';
import type { ImportSummary } from '../../import/import-estate.ts';

const fixture = (name: string) => new URL(`../../import/fixtures/${name}`, import.meta.url).pathname;

// End to end through the real `escher` binary: what a user types and sees.
describe('escher import', () => {
  let h: CliHarness;
  before(async () => {
    h = createCliHarness({ prefix: 'escher-import-cli-' });
    assert.equal((await h.run('init')).code, 0);
  });
  after(() => h.cleanup());

  it('imports an export, prints the summary as JSON, and the resources are listed like synced ones', async () => {
    const s = await h.json<ImportSummary>('import', fixture('azure-graph.json'));
    assert.deepEqual(
      [s.format, s.account, s.imported, s.skipped, s.added, s.changed, s.removed],
      ['azure-resource-graph', 'azure-graph', 3, 0, 3, 0, 0],
    );
    assert.deepEqual(s.reasons, []);
    assert.deepEqual(s.ignored, { 'microsoft.portal/dashboards': 1 });
    const dbs = await h.list('--type', 'database.instance', '--env', 'prod');
    assert.deepEqual(
      dbs.resources.map((r) => r.name),
      ['orders-pg-prod'],
    );
    const again = await h.json<ImportSummary>('import', fixture('azure-graph.json'));
    assert.deepEqual([again.added, again.changed, again.removed], [0, 0, 0]);
  });

  it('says in words what was imported, ignored and skipped, and why', async () => {
    const r = await h.run('import', fixture('aws-duplicate-and-bad.json'), '--account', 'aws-audit');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Imported 2 resources from aws-config into 'aws-audit': 2 added, 0 changed, 0 removed/,
    );
    assert.match(
      r.stdout,
      /Skipped 2 records:\n {2}record 3: configurationItems\[2\]: duplicate id .*\n {2}record 4: configurationItems\[3\]\.resourceType: missing/,
    );
    assert.match(r.stdout, /Note: AWS Config does not record EBS snapshots/);
  });

  it('refuses a bad file with one line on stderr and nothing on stdout', async () => {
    for (const [args, pattern] of [
      [
        [fixture('inventory.csv')],
        /is not JSON: it starts with "id,name,type,region" \(hint: escher import reads JSON exports/,
      ],
      [
        [fixture('aws-config-truncated.json')],
        /the file ends inside record 2 \(configurationItems\[1\]\): the JSON is truncated/,
      ],
      [
        [fixture('azure-graph.json'), '--format', 'gcp-asset-inventory'],
        /looks like azure-resource-graph .*not gcp-asset-inventory/,
      ],
      [[fixture('azure-graph.json'), '--format', 'csv'], /Unknown format 'csv'/],
      [['/no/such/export.json'], /No file \/no\/such\/export\.json/],
    ] as const) {
      const r = await h.run('import', ...args, '--json');
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
