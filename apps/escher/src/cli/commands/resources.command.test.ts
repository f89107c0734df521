import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ChangedResourcesSchema, type ChangedResources } from '@escher/protocol';
import { createGraphCliFixture, type GraphCliFixture } from '../../graph/graph-cli.testing.ts';

describe('escher resources --changed-since', () => {
  let f: GraphCliFixture;
  before(async () => {
    f = await createGraphCliFixture();
  });
  after(() => f.cleanup());

  const names = (l: ChangedResources): string[] => l.resources.map((r) => r.name);

  it('a duration ago: only what the later sync added or changed, with the net change of each', async () => {
    const list = await f.json<ChangedResources>('resources', '--changed-since', '2h');
    assert.ok(ChangedResourcesSchema.safeParse(list).success);
    assert.deepEqual(names(list), ['web-1', 'web-3']);
    assert.equal(list.count, 2);
    assert.equal(list.removed, undefined);
    const web1 = f.byName['web-1']!.id;
    assert.deepEqual(
      list.changes.map((c) => [c.resourceId, c.kind, c.fields]),
      [
        [web1, 'changed', ['state', 'tags.owner']],
        [f.byName['web-3']!.id, 'added', undefined],
      ],
    );
  });

  it('an ISO time before both syncs lists everything live; filters still apply', async () => {
    const since = new Date(f.firstSyncAt - 60_000).toISOString();
    assert.deepEqual(names(await f.json('resources', '--changed-since', since)), [
      'web-1',
      'web-2',
      'web-3',
      'web-sg',
      'web-lb',
    ]);
    const stopped = await f.json<ChangedResources>(
      'resources',
      '--changed-since',
      since,
      '--state',
      'stopped',
    );
    assert.deepEqual(names(stopped), ['web-1']);
  });

  it('--removed adds what vanished since then, as last known', async () => {
    const list = await f.json<ChangedResources>('resources', '--changed-since', '90m', '--removed');
    assert.deepEqual(
      list.removed?.map((r) => [r.resource.name, r.at]),
      [['old-batch', new Date(f.secondSyncAt).toISOString()]],
    );
    assert.deepEqual(
      list.changes.map((c) => c.kind),
      ['changed', 'added', 'removed'],
    );
    const prodOnly = await f.json<ChangedResources>(
      'resources',
      '--changed-since',
      '90m',
      '--removed',
      '--env',
      'prod',
    );
    assert.deepEqual(prodOnly.removed, []);
  });

  it('prints +, ~ and - lines and a count', async () => {
    const r = await f.run('resources', '--changed-since', '2h', '--removed');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^~ aws .* web-1 {2}\[state, tags\.owner\]$/);
    assert.match(lines[1]!, /^\+ aws .* web-3$/);
    assert.match(lines[2]!, /^- aws .* old-batch$/);
    assert.match(lines[3]!, /^1 added, 1 changed, 1 removed since \S+Z$/);
  });

  it('refuses a time it cannot read, and --removed without --changed-since', async () => {
    const bad = await f.run('resources', '--changed-since', 'yesterday', '--json');
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(
      bad.stderr,
      /'yesterday' is neither an ISO time nor a duration .*hint: e\.g\. --changed-since 2h/,
    );
    const lonely = await f.run('resources', '--removed');
    assert.equal(lonely.code, 1);
    assert.match(lonely.stderr, /--changed-since/);
  });
});
