import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HistoryReportSchema, type HistoryReport } from '@escher/protocol';
import { createGraphCliFixture, type GraphCliFixture } from '../../graph/graph-cli.testing.ts';

describe('escher history', () => {
  let f: GraphCliFixture;
  before(async () => {
    f = await createGraphCliFixture();
  });
  after(() => f.cleanup());

  it('--json: added, then changed with the field-level diff, oldest first', async () => {
    const report = await f.json<HistoryReport>('history', f.byName['web-1']!.id);
    assert.ok(HistoryReportSchema.safeParse(report).success);
    assert.equal(report.resource.status, 'live');
    assert.deepEqual(
      report.changes.map((c) => [c.kind, c.syncId, c.at]),
      [
        ['added', 1, new Date(f.firstSyncAt).toISOString()],
        ['changed', 2, new Date(f.secondSyncAt).toISOString()],
      ],
    );
    assert.deepEqual(report.changes[1]!.changes, [
      { field: 'state', before: 'running', after: 'stopped' },
      { field: 'tags.owner', before: 'ana', after: 'bo' },
    ]);
  });

  it('prints one line per sync with the diff below, by name too', async () => {
    const r = await f.run('history', 'web-1');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'compute.instance web-1 (stopped, prod)');
    assert.match(lines[2]!, /^\S+Z {2}sync 1 {2}added$/);
    assert.match(lines[3]!, /^\S+Z {2}sync 2 {2}changed$/);
    assert.deepEqual(lines.slice(4), [
      '    state: running → stopped',
      '    tags.owner: ana → bo',
      '2 changes',
    ]);
  });

  it('a removed resource keeps its history and its last known name', async () => {
    const report = await f.json<HistoryReport>('history', f.byName['old-batch']!.id);
    assert.deepEqual(report.resource.status, 'removed');
    assert.equal(report.resource.name, 'old-batch');
    assert.deepEqual(
      report.changes.map((c) => c.kind),
      ['added', 'removed'],
    );
  });

  it('an unknown id is a user error', async () => {
    const r = await f.run('history', 'arn:aws:ec2:us-east-1:111122223333:instance/i-nope');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^escher: No resource with id or name/);
  });
});
