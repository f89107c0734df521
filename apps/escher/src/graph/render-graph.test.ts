import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlastEntry, ResourceGraphReport } from '@escher/protocol';
import { testInstance } from '../store/testing/index.ts';
import { renderGraph } from './render-graph.ts';

const root = testInstance('web-1', { environment: 'prod' });
const entry = (n: number, via = root.id): BlastEntry => ({
  depth: via === root.id ? 1 : 2,
  via: { id: via, kind: 'lb-target' },
  node: { id: `lb-${n}`, status: 'live', type: 'network.loadbalancer', name: `lb-${n}`, state: 'active' },
});

function report(resources: BlastEntry[], truncated = false): ResourceGraphReport {
  return {
    resource: root,
    outgoing: [
      { kind: 'security-group', direction: 'outgoing', node: { id: 'arn:gone', status: 'dangling' } },
    ],
    incoming: [],
    blastRadius: {
      maxDepth: 5,
      limit: 3,
      truncated,
      count: resources.length,
      byDepth: [{ depth: 1, count: resources.length }],
      byType: [{ type: 'network.loadbalancer', count: resources.length }],
      production: { count: 0, share: 0 },
      resources,
    },
  };
}

describe('renderGraph', () => {
  it('names dangling targets, says when nothing depends on the resource', () => {
    const lines = renderGraph(report([]));
    assert.ok(lines.includes('  security-group  ?  arn:gone (dangling: not in the store)'));
    assert.ok(lines.includes('pointed to by (0)'));
    assert.deepEqual(lines.slice(-2), [
      'blast radius (depth ≤ 5): 0 resources',
      '  nothing depends on this compute.instance',
    ]);
  });

  it('draws the tree under the resource each one depends on, cut after the line budget', () => {
    const lines = renderGraph(report([entry(1), entry(2), entry(3, 'lb-1')], true), 2);
    assert.ok(lines.includes('blast radius (depth ≤ 5): 3+ resources, 0 in production (0%)'));
    assert.ok(lines.includes('  stopped at 3 resources (--limit); counts are lower bounds'));
    assert.deepEqual(lines.slice(-4), [
      '  web-1',
      '  ├─ network.loadbalancer lb-1 (active)  [lb-target]',
      '  │  └─ network.loadbalancer lb-3 (active)  [lb-target]',
      '  … 1 more (see --json)',
    ]);
  });
});
