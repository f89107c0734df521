import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveEnvironment, ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { clusterState, normaliseCluster } from './normalise-cluster.ts';

const fixture = loadSimRecords(import.meta.url);

describe('GKE cluster normaliser on simulator records', () => {
  it('public endpoint: no private endpoint and authorised networks off or world-open', () => {
    for (const { project, nativeId, checks, record } of fixture['clusters']!) {
      const r = normaliseCluster(record, project);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(
        r.attributes['endpointPublic'],
        checks.includes('container.cluster.public-endpoint'),
        nativeId,
      );
      assert.equal(r.state, 'running');
      assert.match(String(r.attributes['version']), /^1\.\d+/);
      assert.equal(r.environment, deriveEnvironment(r.tags, r.name));
      assert.ok(
        r.relationships.some(
          (x) => x.kind === 'in-vpc' && x.targetId.startsWith('//compute.googleapis.com/'),
        ),
      );
    }
  });

  it('a zonal cluster has a zone and its region', () => {
    const zonal = fixture['clusters']!.map((e) => normaliseCluster(e.record, e.project)).find((r) => r.zone)!;
    assert.equal(zonal.region, zonal.zone!.replace(/-[a-z]$/, ''));
    assert.equal(clusterState('ERROR'), 'failed');
  });
});
