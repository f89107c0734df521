import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResourceGraphReportSchema, type ResourceGraphReport } from '@escher/protocol';
import { createGraphCliFixture, type GraphCliFixture } from '../../graph/graph-cli.testing.ts';

describe('escher graph', () => {
  let f: GraphCliFixture;
  before(async () => {
    f = await createGraphCliFixture();
  });
  after(() => f.cleanup());

  it('--json: a security group, the instances that use it, and its blast radius', async () => {
    const report = await f.json<ResourceGraphReport>('graph', f.byName['web-sg']!.id);
    assert.ok(ResourceGraphReportSchema.safeParse(report).success);
    assert.equal(report.resource.name, 'web-sg');
    assert.deepEqual(report.outgoing, []);
    assert.deepEqual(
      report.incoming.map((e) => [e.kind, e.node.name, e.node.state]),
      [
        ['security-group', 'web-1', 'stopped'],
        ['security-group', 'web-2', 'running'],
        ['security-group', 'web-3', 'running'],
      ],
    );
    const blast = report.blastRadius;
    assert.deepEqual(
      blast.resources.map((e) => [e.depth, e.node.name]),
      [
        [1, 'web-1'],
        [1, 'web-2'],
        [1, 'web-3'],
        [2, 'web-lb'],
      ],
    );
    assert.deepEqual(blast.production, { count: 4, share: 1 });
    assert.equal(blast.maxDepth, 5);
  });

  it('prints a readable tree, by name too, and honours --depth', async () => {
    const r = await f.run('graph', 'web-sg');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^network\.firewall web-sg \(aws, 111122223333, us-east-1, prod\)$/m);
    assert.match(r.stdout, /^pointed to by \(3\)$/m);
    assert.match(r.stdout, /^blast radius \(depth ≤ 5\): 4 resources, 4 in production \(100%\)$/m);
    assert.match(r.stdout, /^ {2}│ {2}└─ network\.loadbalancer web-lb \(active, prod\) {2}\[lb-target\]$/m);
    const shallow = await f.json<ResourceGraphReport>('graph', 'web-sg', '--depth', '1');
    assert.equal(shallow.blastRadius.count, 3);
  });

  it('an unknown id is a one-line user error with a close match, and nothing on stdout', async () => {
    const r = await f.run('graph', 'web-4', '--json');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^escher: No resource with id or name 'web-4' .*\(hint: Did you mean web-/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const bad = await f.run('graph', 'web-sg', '--depth', 'deep');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--depth must be a whole number/);
  });

  it('a removed resource points to its history', async () => {
    const r = await f.run('graph', f.byName['old-batch']!.id);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /was removed from the estate at .*escher history/);
  });
});
