import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateEstate, type Estate } from '../../estate/estate.ts';
import { isTagged } from '../../estate/tags.ts';
/** The fixture's epoch (imported by value: the fixture pulls in the whole server). */
const TEST_EPOCH = Date.UTC(2026, 10, 1);
import type { Ec2State, Permission } from './state.ts';

const DAY = 86_400_000;

/** Everything EC2 and ELBv2 generated, as comparable text (the runtime id stream left out). */
function snapshotOf(estate: Estate): string {
  const out: unknown[] = [];
  for (const account of estate.aws.accounts) {
    for (const [name, region] of account.regions) {
      const { rng: _rng, ...ec2 } = region.ec2;
      const maps = Object.fromEntries(
        Object.entries(ec2).map(([k, v]) => [k, [...(v as Map<string, unknown>).values()]]),
      );
      out.push([
        account.id,
        name,
        maps,
        [...region.elbv2.loadBalancers.values()],
        [...region.elbv2.targetGroups.values()],
      ]);
    }
  }
  return JSON.stringify(out);
}

const worldOpen = (p: Permission): boolean =>
  p.ipv4.some((r) => r.cidr === '0.0.0.0/0') || p.ipv6.some((r) => r.cidr === '::/0');
const opensPort = (p: Permission, port: number): boolean =>
  p.protocol === '-1' || (p.protocol === 'tcp' && (p.fromPort ?? 0) <= port && port <= (p.toPort ?? 65535));

/** What a checker reading the EC2 state would find, per check id, as ARNs. */
function findings(estate: Estate): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (check: string, arn: string): void =>
    void (found.get(check) ?? found.set(check, new Set()).get(check)!).add(arn);
  const epoch = Date.parse(estate.manifest.epoch);
  for (const account of estate.aws.accounts) {
    for (const [region, state] of account.regions) {
      const arn = (kind: string, id: string): string => `arn:aws:ec2:${region}:${account.id}:${kind}/${id}`;
      const ec2: Ec2State = state.ec2;
      const untagged = (kind: string, id: string, tags: Record<string, string>): void => {
        if (!isTagged(tags)) add('resource.untagged', arn(kind, id));
      };
      for (const i of ec2.instances.values()) {
        if (i.publicIp) add('compute.instance.public-ip', arn('instance', i.id));
        if (i.state === 'running' && i.cpu.idle) add('compute.instance.idle', arn('instance', i.id));
        untagged('instance', i.id, i.tags);
      }
      for (const v of ec2.volumes.values()) {
        if (!v.encrypted) add('compute.volume.unencrypted', arn('volume', v.id));
        if (!v.attachment) add('compute.volume.unattached', arn('volume', v.id));
        untagged('volume', v.id, v.tags);
      }
      for (const s of ec2.snapshots.values()) {
        if (s.startTime < epoch - 90 * DAY) add('compute.snapshot.old', arn('snapshot', s.id));
        if (s.public) add('compute.snapshot.public', arn('snapshot', s.id));
        untagged('snapshot', s.id, s.tags);
      }
      for (const g of ec2.securityGroups.values()) {
        const open = g.ingress.filter(worldOpen);
        if (open.some((p) => p.protocol === '-1'))
          add('network.firewall.open-all', arn('security-group', g.id));
        if (open.some((p) => opensPort(p, 22))) add('network.firewall.open-ssh', arn('security-group', g.id));
        if (open.some((p) => opensPort(p, 3389)))
          add('network.firewall.open-rdp', arn('security-group', g.id));
        untagged('security-group', g.id, g.tags);
      }
      for (const a of ec2.addresses.values()) {
        if (!a.associationId) add('network.ip.unassociated', arn('elastic-ip', a.allocationId));
        untagged('elastic-ip', a.allocationId, a.tags);
      }
      for (const v of ec2.vpcs.values()) untagged('vpc', v.id, v.tags);
      for (const s of ec2.subnets.values()) untagged('subnet', s.id, s.tags);
      for (const lb of state.elbv2.loadBalancers.values())
        if (!isTagged(lb.tags)) add('resource.untagged', lb.arn);
    }
  }
  return found;
}

describe('EC2 and ELBv2 generation', () => {
  const small = generateEstate({ seed: 7, size: 'small', epoch: TEST_EPOCH });
  const medium = generateEstate({ seed: 7, size: 'medium', epoch: TEST_EPOCH });

  it('is deterministic: the same seed gives identical state, another seed another', () => {
    assert.equal(
      snapshotOf(generateEstate({ seed: 7, size: 'small', epoch: TEST_EPOCH })),
      snapshotOf(small),
    );
    assert.notEqual(
      snapshotOf(generateEstate({ seed: 8, size: 'small', epoch: TEST_EPOCH })),
      snapshotOf(small),
    );
  });

  it('the manifest lists exactly what a checker finds in the state (EC2 checks and untagged EC2/ELB)', () => {
    for (const estate of [small, medium]) {
      const found = findings(estate);
      for (const [check, arns] of found) {
        const listed = new Set(
          (
            estate.manifest.misconfigurations[check as keyof typeof estate.manifest.misconfigurations]
              ?.resources ?? []
          ).filter((id) => id.startsWith('arn:aws:ec2:') || id.startsWith('arn:aws:elasticloadbalancing:')),
        );
        assert.deepEqual([...listed].sort(), [...arns].sort(), check);
      }
      for (const check of [
        'compute.instance.public-ip',
        'compute.instance.idle',
        'compute.volume.unattached',
        'network.ip.unassociated',
        'network.firewall.open-ssh',
        'compute.snapshot.public',
      ]) {
        assert.ok(found.has(check), `${check} present`);
      }
    }
  });

  it('manifest counts equal the generated records, per account', () => {
    for (const account of medium.aws.accounts) {
      const n = {
        instances: 0,
        volumes: 0,
        snapshots: 0,
        groups: 0,
        addresses: 0,
        vpcs: 0,
        subnets: 0,
        lbs: 0,
      };
      for (const r of account.regions.values()) {
        n.instances += r.ec2.instances.size;
        n.volumes += r.ec2.volumes.size;
        n.snapshots += r.ec2.snapshots.size;
        n.groups += r.ec2.securityGroups.size;
        n.addresses += r.ec2.addresses.size;
        n.vpcs += r.ec2.vpcs.size;
        n.subnets += r.ec2.subnets.size;
        n.lbs += r.elbv2.loadBalancers.size;
      }
      const c = medium.manifest.counts['aws']![account.id]!;
      assert.deepEqual(
        [
          c['compute.instance'],
          c['compute.volume'],
          c['compute.snapshot'],
          c['network.firewall'],
          c['network.ip'],
          c['network.vpc'],
          c['network.subnet'],
          c['network.loadbalancer'],
        ],
        [n.instances, n.volumes, n.snapshots, n.groups, n.addresses, n.vpcs, n.subnets, n.lbs],
      );
    }
  });

  it('relationships hold: subnets, groups, volumes, addresses, load balancers and targets', () => {
    for (const account of medium.aws.accounts) {
      for (const r of account.regions.values()) {
        const ec2 = r.ec2;
        assert.equal([...ec2.vpcs.values()].filter((v) => v.isDefault).length, 1, 'one default VPC');
        for (const s of ec2.subnets.values()) assert.ok(ec2.vpcs.has(s.vpcId));
        for (const g of ec2.securityGroups.values()) assert.ok(ec2.vpcs.has(g.vpcId));
        for (const i of ec2.instances.values()) {
          const subnet = ec2.subnets.get(i.subnetId)!;
          assert.equal(subnet.vpcId, i.vpcId);
          assert.equal(subnet.az, i.az);
          for (const id of i.securityGroupIds) assert.equal(ec2.securityGroups.get(id)?.vpcId, i.vpcId);
          for (const d of i.blockDevices) {
            const v = ec2.volumes.get(d.volumeId)!;
            assert.equal(v.attachment?.instanceId, i.id);
            assert.equal(v.az, i.az);
          }
          assert.ok(i.launchTime < TEST_EPOCH);
          if (i.eipAllocationId) assert.equal(ec2.addresses.get(i.eipAllocationId)?.instanceId, i.id);
        }
        for (const v of ec2.volumes.values()) {
          if (v.attachment)
            assert.ok(
              ec2.instances.get(v.attachment.instanceId)?.blockDevices.some((d) => d.volumeId === v.id),
            );
        }
        for (const a of ec2.addresses.values()) {
          if (a.instanceId) assert.equal(ec2.instances.get(a.instanceId)?.publicIp, a.publicIp);
        }
        for (const lb of r.elbv2.loadBalancers.values()) {
          for (const z of lb.zones) assert.equal(ec2.subnets.get(z.subnetId)?.vpcId, lb.vpcId);
          for (const g of lb.securityGroupIds) assert.equal(ec2.securityGroups.get(g)?.vpcId, lb.vpcId);
        }
        for (const tg of r.elbv2.targetGroups.values()) {
          for (const arn of tg.loadBalancerArns)
            assert.equal(r.elbv2.loadBalancers.get(arn)?.vpcId, tg.vpcId);
          for (const t of tg.targets) assert.equal(ec2.instances.get(t.id)?.vpcId, tg.vpcId);
        }
      }
    }
  });

  it('misconfiguration rates land near the documented ones on a medium estate', () => {
    const m = medium.manifest.misconfigurations;
    const count = (type: string): number =>
      Object.values(medium.manifest.counts['aws']!).reduce(
        (s, c) => s + ((c as Record<string, number>)[type] ?? 0),
        0,
      );
    const ec2Share = (check: keyof typeof m): number =>
      m[check]?.resources.filter((r) => r.startsWith('arn:aws:ec2:')).length ?? 0;
    const near = (actual: number, expected: number, slack: number, what: string): void =>
      assert.ok(Math.abs(actual - expected) <= slack, `${what}: ${actual.toFixed(3)} vs ${expected}`);
    near(ec2Share('compute.volume.unencrypted') / count('compute.volume'), 0.15, 0.06, 'unencrypted volumes');
    near(ec2Share('compute.snapshot.old') / count('compute.snapshot'), 0.3, 0.08, 'old snapshots');
    near(ec2Share('network.firewall.open-ssh') / count('network.firewall'), 0.12, 0.06, 'open ssh');
    near(ec2Share('compute.instance.public-ip') / count('compute.instance'), 0.2, 0.08, 'public instances');
  });
});
