import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MutatingAction, Resource } from '@escher/protocol';
import { blastRadius, type GraphView } from './blast-radius.ts';

const NOW = Date.UTC(2026, 10, 21);
const res = (id: string, type: Resource['type'], extra: Partial<Resource> = {}): Resource => ({
  id,
  nativeId: id,
  cloud: 'aws',
  account: '1',
  region: 'us-east-1',
  type,
  nativeType: type,
  name: id,
  tags: {},
  attributes: {},
  relationships: [],
  ...extra,
});

function graphOf(resources: readonly Resource[]): GraphView {
  return {
    incoming: (ids) =>
      resources.flatMap((r) =>
        r.relationships
          .filter((e) => ids.includes(e.targetId))
          .map((e) => ({ sourceId: r.id, kind: e.kind, targetId: e.targetId })),
      ),
    known: (ids) => new Map(resources.filter((r) => ids.includes(r.id)).map((r) => [r.id, { resource: r }])),
  };
}
const acting = (rs: readonly Resource[], action: MutatingAction) =>
  rs.map((resource) => ({ resource, actions: new Set([action]) }));

describe('blast radius', () => {
  const a = res('i-a', 'compute.instance', { state: 'running' });
  const b = res('i-b', 'compute.instance', { state: 'running' });
  const c = res('i-c', 'compute.instance', { state: 'stopped' });
  const lb = res('lb-1', 'network.loadbalancer', {
    relationships: ['i-a', 'i-b', 'i-c'].map((targetId) => ({ kind: 'lb-target', targetId })),
  });

  it('is an error to stop every healthy target of a load balancer, fine to keep one', () => {
    const g = graphOf([a, b, c, lb]);
    assert.deepEqual(
      blastRadius(acting([a, b], 'stop'), g, NOW).map((f) => [f.severity, f.code]),
      [['error', 'blast-radius-load-balancer']],
    );
    assert.deepEqual(blastRadius(acting([a], 'stop'), g, NOW), []);
  });

  it('warns when deleting a volume without a snapshot from the last 7 days', () => {
    const vol = res('vol-1', 'compute.volume');
    const old = res('snap-old', 'compute.snapshot', {
      createdAt: new Date(NOW - 30 * 86_400_000).toISOString(),
      relationships: [{ kind: 'snapshot-of', targetId: 'vol-1' }],
    });
    const recent = res('snap-new', 'compute.snapshot', {
      createdAt: new Date(NOW - 86_400_000).toISOString(),
      relationships: [{ kind: 'snapshot-of', targetId: 'vol-1' }],
    });
    assert.deepEqual(
      blastRadius(acting([vol], 'delete'), graphOf([vol, old]), NOW).map((f) => [f.severity, f.code]),
      [['warning', 'no-recent-snapshot']],
    );
    assert.deepEqual(blastRadius(acting([vol], 'delete'), graphOf([vol, old, recent]), NOW), []);
  });

  it('is an error to delete a security group something still uses', () => {
    const sg = res('sg-1', 'network.firewall');
    const user = res('i-x', 'compute.instance', {
      relationships: [{ kind: 'security-group', targetId: 'sg-1' }],
    });
    assert.deepEqual(
      blastRadius(acting([sg], 'delete'), graphOf([sg, user]), NOW).map((f) => f.code),
      ['firewall-in-use'],
    );
    assert.deepEqual(blastRadius(acting([sg], 'delete'), graphOf([sg]), NOW), []);
  });
});
