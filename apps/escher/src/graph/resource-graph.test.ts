import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resource, ResourceType } from '@escher/protocol';
import { ResourceGraphReportSchema, UserError } from '@escher/protocol';
import { openTempStore, testInstance, testScope, type TempStore } from '../store/testing/index.ts';
import { buildGraphReport, resolveResource } from './graph-report.ts';
import { ResourceGraph } from './resource-graph.ts';

const arn = (kind: string, id: string): string => `arn:aws:ec2:us-east-1:111122223333:${kind}/${id}`;
const rel = (kind: string, targetId: string): Resource['relationships'][number] => ({ kind, targetId });
const GONE_SG = arn('security-group', 'sg-gone');

function make(type: ResourceType, id: string, name: string, extra: Partial<Resource> = {}): Resource {
  return testInstance(name, { id, nativeId: id, type, state: 'available', environment: 'prod', ...extra });
}

// A small VPC: a key, a volume on it, two instances behind a load balancer, three security
// groups (two of which admit each other: a cycle), a snapshot, an address, a dangling reference.
const V = make('network.vpc', arn('vpc', 'vpc-1'), 'main-vpc');
const S = make('network.subnet', arn('subnet', 'subnet-1'), 'app-subnet', {
  relationships: [rel('in-vpc', V.id)],
});
const G = make('network.firewall', arn('security-group', 'sg-web'), 'web-sg', {
  relationships: [rel('in-vpc', V.id)],
});
const G2 = make('network.firewall', arn('security-group', 'sg-db'), 'db-sg', {
  environment: 'dev',
  relationships: [rel('allows-from', G.id), rel('allows-from', arn('security-group', 'sg-ops'))],
});
const G3 = make('network.firewall', arn('security-group', 'sg-ops'), 'ops-sg', {
  environment: 'dev',
  relationships: [rel('allows-from', G2.id)],
});
const K = make('security.key', 'arn:aws:kms:us-east-1:111122223333:key/k-1', 'data-key');
const VOL = make('compute.volume', arn('volume', 'vol-1'), 'web-1-root', {
  state: 'in-use',
  relationships: [rel('attached-to', arn('instance', 'i-web1')), rel('uses-key', K.id)],
});
const I1 = make('compute.instance', arn('instance', 'i-web1'), 'web-1', {
  state: 'running',
  relationships: [
    rel('attached-volume', VOL.id),
    rel('security-group', G.id),
    rel('in-subnet', S.id),
    rel('in-vpc', V.id),
  ],
});
const I2 = make('compute.instance', arn('instance', 'i-web2'), 'web-2', {
  state: 'running',
  environment: 'staging',
  relationships: [rel('security-group', G.id), rel('security-group', GONE_SG), rel('in-subnet', S.id)],
});
const LB = make(
  'network.loadbalancer',
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1',
  'web-lb',
  {
    state: 'active',
    relationships: [rel('lb-target', I1.id), rel('lb-target', I2.id), rel('security-group', G.id)],
  },
);
const SNAP = make('compute.snapshot', arn('snapshot', 'snap-1'), 'web-1-nightly', {
  environment: 'dev',
  relationships: [rel('snapshot-of', VOL.id), rel('uses-key', K.id)],
});
const EIP = make('network.ip', arn('elastic-ip', 'eipalloc-1'), 'web-1-ip', {
  relationships: [rel('attached-to', I1.id)],
});
// Listed once, then gone: it must never show up as pointing at the web group.
const OLD = make('compute.instance', arn('instance', 'i-old'), 'old-web', {
  relationships: [rel('security-group', G.id)],
});
// Shares the load balancer's name, so that name alone is ambiguous.
const NAMESAKE = make('compute.snapshot', arn('snapshot', 'snap-2'), 'web-lb', { environment: 'dev' });
const ESTATE = [V, S, G, G2, G3, K, VOL, I1, I2, LB, SNAP, EIP, NAMESAKE];

describe('resource graph over a real store', () => {
  let temp: TempStore;
  let graph: ResourceGraph;

  before(async () => {
    temp = await openTempStore();
    const first = temp.store.beginSync();
    temp.store.replaceScope(testScope(), [...ESTATE, OLD], first);
    temp.store.finishSync(first, { apiCalls: 0 });
    temp.clock.advance(60_000);
    const second = temp.store.beginSync();
    temp.store.replaceScope(testScope(), ESTATE, second);
    temp.store.finishSync(second, { apiCalls: 0 });
    graph = new ResourceGraph(temp.store.edges());
  });
  after(() => temp.cleanup());

  const names = (nodes: readonly { node: { name?: string; id: string } }[]): string[] =>
    nodes.map((n) => n.node.name ?? n.node.id);

  it('shows both directions: what an instance points to and what points to it', () => {
    const { outgoing, incoming } = graph.neighbours(I1);
    assert.deepEqual(
      outgoing.map((e) => [e.kind, e.node.name, e.node.type, e.node.status]),
      [
        ['attached-volume', 'web-1-root', 'compute.volume', 'live'],
        ['in-subnet', 'app-subnet', 'network.subnet', 'live'],
        ['in-vpc', 'main-vpc', 'network.vpc', 'live'],
        ['security-group', 'web-sg', 'network.firewall', 'live'],
      ],
    );
    assert.deepEqual(
      incoming.map((e) => [e.kind, e.node.name, e.direction]),
      [
        ['attached-to', 'web-1-root', 'incoming'],
        ['attached-to', 'web-1-ip', 'incoming'],
        ['lb-target', 'web-lb', 'incoming'],
      ],
    );
    assert.equal(incoming[2]!.node.state, 'active');
  });

  it('lists who uses a security group, without resources a later sync removed', () => {
    const { incoming } = graph.neighbours(G);
    assert.deepEqual(
      incoming.map((e) => [e.kind, e.node.name]),
      [
        ['allows-from', 'db-sg'],
        ['security-group', 'web-1'],
        ['security-group', 'web-2'],
        ['security-group', 'web-lb'],
      ],
    );
  });

  it('shows a dangling target as such, and a removed one as removed', () => {
    const { outgoing } = graph.neighbours(I2);
    const gone = outgoing.find((e) => e.node.id === GONE_SG);
    assert.deepEqual(gone, {
      kind: 'security-group',
      direction: 'outgoing',
      node: { id: GONE_SG, status: 'dangling' },
    });
    const pointingAtOld = make('network.ip', arn('elastic-ip', 'eipalloc-2'), 'stale-ip', {
      relationships: [rel('attached-to', OLD.id)],
    });
    const { outgoing: toOld } = graph.neighbours(pointingAtOld);
    assert.equal(toOld[0]!.node.status, 'removed');
    assert.equal(toOld[0]!.node.name, 'old-web');
  });

  it('blast radius of a security group: its users, then what depends on them; the cycle ends', () => {
    const blast = graph.blastRadius(G);
    assert.deepEqual(
      blast.resources.map((e) => [e.depth, e.node.name, e.via.kind]),
      [
        [1, 'web-1', 'security-group'],
        [1, 'web-2', 'security-group'],
        [1, 'db-sg', 'allows-from'],
        [1, 'web-lb', 'security-group'],
        [2, 'ops-sg', 'allows-from'],
      ],
    );
    assert.deepEqual(blast.byDepth, [
      { depth: 1, count: 4 },
      { depth: 2, count: 1 },
    ]);
    assert.equal(blast.count, 5);
    assert.equal(blast.truncated, false);
  });

  it('blast radius of a key goes transitively: volume → instance → load balancer, not the address', () => {
    const blast = graph.blastRadius(K);
    assert.deepEqual(
      blast.resources.map((e) => [e.depth, e.node.name]),
      [
        [1, 'web-1-nightly'],
        [1, 'web-1-root'],
        [2, 'web-1'],
        [3, 'web-lb'],
      ],
    );
    assert.deepEqual(blast.resources[2]!.via, { id: VOL.id, kind: 'attached-volume' });
    assert.deepEqual(blast.byType, [
      { type: 'compute.instance', count: 1 },
      { type: 'compute.snapshot', count: 1 },
      { type: 'compute.volume', count: 1 },
      { type: 'network.loadbalancer', count: 1 },
    ]);
    // web-1-nightly is dev; the other three are prod.
    assert.deepEqual(blast.production, { count: 3, share: 0.75 });
    assert.deepEqual(names(graph.blastRadius(K, { maxDepth: 2 }).resources), [
      'web-1-nightly',
      'web-1-root',
      'web-1',
    ]);
    assert.equal(graph.blastRadius(K, { maxDepth: 0 }).count, 0);
  });

  it('a volume affects the instance it is attached to, not its snapshots', () => {
    assert.deepEqual(names(graph.blastRadius(VOL).resources), ['web-1', 'web-lb']);
  });

  it('blast radius of the VPC reaches everything in it, each resource once at its shortest depth', () => {
    const blast = graph.blastRadius(V);
    assert.deepEqual(
      blast.resources.map((e) => [e.depth, e.node.name]),
      [
        [1, 'web-1'],
        [1, 'web-sg'],
        [1, 'app-subnet'],
        [2, 'web-2'],
        [2, 'db-sg'],
        [2, 'web-lb'],
        [3, 'ops-sg'],
      ],
    );
    assert.equal(new Set(blast.resources.map((e) => e.node.id)).size, blast.count);
  });

  it('stops at the limit and says so', () => {
    const blast = graph.blastRadius(V, { limit: 2 });
    assert.equal(blast.count, 2);
    assert.equal(blast.truncated, true);
    assert.throws(
      () => graph.blastRadius(V, { maxDepth: 99 }),
      (e: unknown) => e instanceof UserError && e.code === 'depth-invalid',
    );
  });

  it('a leaf has an empty blast radius', () => {
    const blast = graph.blastRadius(LB);
    assert.deepEqual([blast.count, blast.production.share, blast.byDepth], [0, 0, []]);
  });

  it('builds the JSON report, which the protocol schema accepts', () => {
    const report = buildGraphReport(temp.store, 'web-sg', { maxDepth: 3 });
    assert.equal(report.resource.id, G.id);
    assert.equal(report.blastRadius.maxDepth, 3);
    assert.ok(ResourceGraphReportSchema.safeParse(report).success);
  });

  it('resolves ids and unique names; unknown, removed and ambiguous refs are user errors with a hint', () => {
    assert.equal(resolveResource(temp.store, I1.id).id, I1.id);
    assert.equal(resolveResource(temp.store, 'web-2').id, I2.id);
    const fails = (ref: string, code: string, hint: RegExp): void => {
      assert.throws(
        () => resolveResource(temp.store, ref),
        (e: unknown) => e instanceof UserError && e.code === code && hint.test(e.hint ?? ''),
      );
    };
    fails('web-3', 'resource-not-found', /Did you mean web-/);
    fails('zz', 'resource-not-found', /escher resources --json/);
    fails(OLD.id, 'resource-removed', /escher history/);
    fails('web-lb', 'resource-ambiguous', /arn:aws:/);
  });
});
