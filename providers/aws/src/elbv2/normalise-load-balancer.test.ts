import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseLoadBalancer } from './normalise-load-balancer.ts';

const records = loadSimRecords();
const scope = { account: records.account, region: 'us-east-1' };
const [alb, nlb] = records['us-east-1'].loadBalancers;

describe('normaliseLoadBalancer', () => {
  it('maps an ALB with its tags, network and instance targets', () => {
    const r = normaliseLoadBalancer(
      alb!,
      scope,
      { env: 'prod' },
      {
        targetGroups: [
          {
            arn: 'arn:tg/1',
            type: 'instance',
            targets: [
              { id: 'i-0aaa', health: 'healthy' },
              { id: 'i-0bbb', health: 'unhealthy' },
            ],
          },
          { arn: 'arn:tg/2', type: 'ip', targets: [{ id: '10.0.0.5' }] },
        ],
      },
    );
    assert.equal(r.id, alb!.LoadBalancerArn);
    assert.equal(r.nativeType, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    assert.deepEqual([r.state, r.attributes.public, r.attributes.lbType], ['running', true, 'application']);
    assert.deepEqual([r.attributes.targetCount, r.attributes.unhealthyTargets], [2, 1]);
    const targets = r.relationships.filter((x) => x.kind === 'lb-target').map((x) => x.targetId);
    assert.deepEqual(targets, [
      'arn:aws:ec2:us-east-1:130827130939:instance/i-0aaa',
      'arn:aws:ec2:us-east-1:130827130939:instance/i-0bbb',
    ]);
    assert.equal(r.relationships.filter((x) => x.kind === 'in-subnet').length, 3);
    assert.equal(r.relationships.filter((x) => x.kind === 'security-group').length, 1);
  });

  it('maps an untagged NLB without groups', () => {
    const r = normaliseLoadBalancer(nlb!, scope, {}, { targetGroups: [] });
    assert.equal(r.attributes.lbType, 'network');
    assert.equal(r.environment, 'prod', 'from its name, search-live-nlb');
    assert.ok(!r.relationships.some((x) => x.kind === 'security-group'));
  });
});
