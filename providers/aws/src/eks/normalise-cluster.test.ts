import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseCluster } from './normalise-cluster.ts';

const records = loadSimRecords();
const scope = { account: records.account, region: 'us-east-1' };
const cluster = records['us-east-1'].clusters[0]!;

describe('normaliseCluster', () => {
  it('maps a simulator record', () => {
    const r = normaliseCluster(cluster, scope);
    assert.equal(r.id, 'arn:aws:eks:us-east-1:130827130939:cluster/fraud-prod-eks');
    assert.equal(r.state, 'running');
    assert.equal(r.attributes.version, '1.31');
    assert.deepEqual(r.tags.env, 'prod');
    assert.ok(
      r.relationships.some(
        (x) => x.kind === 'uses-role' && x.targetId.endsWith(':role/fraud-prod-eks-cluster-role'),
      ),
    );
  });

  it('calls the endpoint public only when public access is on and open to the world', () => {
    const endpointPublic = (endpointPublicAccess: boolean, publicAccessCidrs?: string[]) =>
      normaliseCluster(
        {
          ...cluster,
          resourcesVpcConfig: { ...cluster.resourcesVpcConfig, endpointPublicAccess, publicAccessCidrs },
        },
        scope,
      ).attributes.endpointPublic;
    assert.equal(endpointPublic(false, ['0.0.0.0/0']), false, 'private-only, whatever the CIDRs say');
    assert.equal(endpointPublic(true, ['0.0.0.0/0']), true);
    assert.equal(endpointPublic(true, ['203.0.113.0/24']), false, 'limited to an office range');
    assert.equal(endpointPublic(true, undefined), true, 'AWS defaults to 0.0.0.0/0');
  });
});
