import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseAddress } from './normalise-address.ts';
import { normaliseInstance } from './normalise-instance.ts';
import { normaliseSubnet, normaliseVpc } from './normalise-network.ts';
import { normaliseSecurityGroup } from './normalise-security-group.ts';
import { normaliseSnapshot } from './normalise-snapshot.ts';
import { normaliseVolume } from './normalise-volume.ts';

const records = loadSimRecords();
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const scopes = REGIONS.map((region) => ({ account: records.account, region, r: records[region] }));
const all = <T>(pick: (s: (typeof scopes)[number]) => T[]): T[] => scopes.flatMap(pick);

/** The manifest's findings among the records in the fixture. */
function planted(checkId: string, found: Resource[]): string[] {
  const ids = new Set(found.map((r) => r.id));
  return (records.misconfigurations[checkId] ?? []).filter((id) => ids.has(id)).sort();
}
const ids = (rs: Resource[]) => rs.map((r) => r.id).sort();

describe('EC2 normalisers on the simulator’s records', () => {
  const instances = all((s) => s.r.instances.map((i) => normaliseInstance(i, s)));
  const volumes = all((s) => s.r.volumes.map((v) => normaliseVolume(v, s)));
  const groups = all((s) => s.r.securityGroups.map((g) => normaliseSecurityGroup(g, s)));
  const addresses = all((s) => s.r.addresses.map((a) => normaliseAddress(a, s)));

  it('maps instance states, names, sizes and environments', () => {
    const first = instances[0]!;
    assert.equal(first.id, 'arn:aws:ec2:us-east-1:130827130939:instance/i-81183c9a99dc0ed34');
    assert.equal(first.name, 'payments-node-01');
    assert.equal(first.state, 'running');
    assert.equal(first.attributes.size, 't3.medium');
    assert.equal(first.environment, 'prod');
    assert.equal(first.zone, 'us-east-1c');
    const stopped = instances.filter((i) => i.attributes.nativeState === 'stopped');
    assert.ok(stopped.length > 0 && stopped.every((i) => i.state === 'stopped'));
    assert.ok(instances.every((i) => i.state === 'running' || i.state === 'stopped'));
  });

  it('flags exactly the instances with a public IP', () => {
    const flagged = instances.filter((i) => i.attributes.public === true);
    assert.deepEqual(ids(flagged), planted('compute.instance.public-ip', instances));
    assert.ok(flagged.length > 0 && flagged.every((i) => typeof i.attributes.publicIp === 'string'));
  });

  it('relates instances to their volumes, groups, subnet and VPC, all of which exist', () => {
    const known = new Set([
      ...ids(volumes),
      ...ids(groups),
      ...all((s) => s.r.subnets.map((n) => normaliseSubnet(n, s).id)),
      ...all((s) => s.r.vpcs.map((v) => normaliseVpc(v, s).id)),
    ]);
    for (const instance of instances) {
      const kinds = new Set(instance.relationships.map((r) => r.kind));
      assert.deepEqual([...kinds].sort(), ['attached-volume', 'in-subnet', 'in-vpc', 'security-group']);
      for (const rel of instance.relationships)
        assert.ok(known.has(rel.targetId), `${instance.id} → ${rel.targetId}`);
    }
  });

  it('flags unencrypted and unattached volumes, sized in GiB', () => {
    assert.deepEqual(
      ids(volumes.filter((v) => v.attributes.encrypted === false)),
      planted('compute.volume.unencrypted', volumes),
    );
    const loose = volumes.filter((v) => v.attributes.attached === false);
    assert.deepEqual(ids(loose), planted('compute.volume.unattached', volumes));
    assert.ok(loose.every((v) => v.state === 'available' && v.attributes.attachedTo === undefined));
    const attached = volumes.filter((v) => v.attributes.attached === true);
    assert.ok(
      attached.every((v) => v.state === 'in-use' && String(v.attributes.attachedTo).includes(':instance/')),
    );
    assert.ok(volumes.every((v) => typeof v.attributes.size === 'number'));
    const encrypted = volumes.find((v) => v.attributes.encrypted === true)!;
    assert.ok(encrypted.relationships.some((r) => r.kind === 'uses-key' && r.targetId.includes(':key/')));
  });

  it('marks snapshots public as told and dates them for the age check', () => {
    const snapshots = all((s) => s.r.snapshots.map((x) => normaliseSnapshot(x, s, false)));
    const epoch = Date.parse(records.epoch);
    const old = snapshots.filter((s) => Date.parse(s.createdAt!) < epoch - 90 * 86_400_000);
    assert.deepEqual(ids(old), planted('compute.snapshot.old', snapshots));
    assert.ok(snapshots.every((s) => s.state === 'available' && s.attributes.public === false));
    const snap = records['us-east-1'].snapshots[0]!;
    const open = normaliseSnapshot(snap, { account: records.account, region: 'us-east-1' }, true);
    assert.equal(open.attributes.public, true);
    assert.ok(
      open.relationships.some(
        (r) => r.kind === 'snapshot-of' && r.targetId.endsWith(`volume/${snap.VolumeId}`),
      ),
    );
  });

  it('finds world-open SSH (IPv4 or IPv6), RDP and all-traffic rules', () => {
    for (const [check, flag] of [
      ['network.firewall.open-ssh', 'openSsh'],
      ['network.firewall.open-rdp', 'openRdp'],
      ['network.firewall.open-all', 'openAll'],
    ] as const) {
      assert.deepEqual(ids(groups.filter((g) => g.attributes[flag] === true)), planted(check, groups), check);
    }
    const viaV6 = groups.find((g) => g.id.endsWith('sg-86256769f2c1ae0c9'))!;
    assert.deepEqual(viaV6.attributes.ingress, [
      { protocol: 'tcp', fromPort: 3306, toPort: 3306, sources: ['172.31.0.0/16'] },
      { protocol: 'tcp', fromPort: 22, toPort: 22, sources: ['::/0'] },
      { protocol: 'tcp', fromPort: 3389, toPort: 3389, sources: ['0.0.0.0/0'] },
    ]);
  });

  it('tells associated Elastic IPs from idle ones, NAT-held ones included', () => {
    assert.deepEqual(
      ids(addresses.filter((a) => a.attributes.associated === false)),
      planted('network.ip.unassociated', addresses),
    );
    const nat = addresses.find((a) => a.attributes.associated === true && !a.attributes.instanceId)!;
    assert.equal(nat.state, 'in-use');
    assert.deepEqual(nat.relationships, []);
    assert.match(nat.id, /^arn:aws:ec2:us-east-1:130827130939:elastic-ip\/eipalloc-/);
  });

  it('maps VPCs and subnets with the default VPC marked', () => {
    const vpc = normaliseVpc(records['us-east-1'].vpcs[0]!, {
      account: records.account,
      region: 'us-east-1',
    });
    assert.equal(vpc.attributes.isDefault, true);
    assert.equal(vpc.state, 'available');
    const subnet = normaliseSubnet(records['us-east-1'].subnets[0]!, {
      account: records.account,
      region: 'us-east-1',
    });
    assert.equal(subnet.environment, 'test');
    assert.deepEqual(subnet.relationships, [{ kind: 'in-vpc', targetId: vpc.id }]);
  });

  it('normalises instance states AWS has that the estate does not show', () => {
    const base = records['us-east-1'].instances[0]!;
    const scope = { account: records.account, region: 'us-east-1' };
    const state = (Name: string) =>
      normaliseInstance({ ...base, State: { Name: Name as never } }, scope).state;
    assert.equal(state('pending'), 'pending');
    assert.equal(state('shutting-down'), 'deleting');
    assert.equal(state('terminated'), 'terminated');
    assert.equal(state('stopping'), 'stopping');
    assert.equal(state('hibernating'), 'unknown');
  });
});
