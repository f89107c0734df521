import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveEnvironment, ResourceSchema, type Resource } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseAddress } from './normalise-address.ts';
import { diskState, normaliseDisk } from './normalise-disk.ts';
import { normaliseFirewall } from './normalise-firewall.ts';
import { normaliseForwardingRule } from './normalise-forwarding-rule.ts';
import { instanceState, normaliseInstance } from './normalise-instance.ts';
import { normaliseNetwork } from './normalise-network.ts';
import { normaliseSnapshot } from './normalise-snapshot.ts';
import { normaliseSubnetwork } from './normalise-subnetwork.ts';
import type { FirewallPermission } from './firewall-rules.ts';

const fixture = loadSimRecords(import.meta.url);

function valid(resource: Resource, nativeId: string): void {
  assert.ok(ResourceSchema.safeParse(resource).success, nativeId);
  assert.equal(resource.id, nativeId);
  assert.equal(resource.environment, deriveEnvironment(resource.tags, resource.name));
}

/** The world-open test a checker applies to a normalised firewall, port by port. */
function opensToWorld(r: Resource, port: number, protocols = ['tcp', 'all']): boolean {
  if (!r.attributes['enabled'] || r.attributes['direction'] !== 'ingress') return false;
  return (r.attributes['permissions'] as FirewallPermission[]).some(
    (p) =>
      p.action === 'allow' &&
      protocols.includes(p.protocol) &&
      p.ranges.some((c) => c === '0.0.0.0/0' || c === '::/0') &&
      (p.fromPort ?? 0) <= port &&
      port <= (p.toPort ?? 65535),
  );
}

describe('Compute Engine normalisers on simulator records', () => {
  it('instances: native id, state, machine type, public IP and relationships', () => {
    for (const { project, nativeId, checks, record } of fixture['instances']!) {
      const r = normaliseInstance(record, project);
      valid(r, nativeId);
      // An ephemeral address is released while stopped; a listed instance is public whenever it has one.
      assert.equal(r.attributes['public'], !!r.attributes['publicIp']);
      if (r.attributes['public']) assert.ok(checks.includes('compute.instance.public-ip'), nativeId);
      else assert.ok(!checks.includes('compute.instance.public-ip') || r.state !== 'running', nativeId);
      assert.match(String(r.attributes['size']), /^[a-z0-9]+-[a-z0-9-]+$/);
      assert.ok(r.zone && r.region === r.zone.replace(/-[a-z]$/, ''));
      assert.ok(
        r.relationships.some((rel) => rel.kind === 'attached-volume' && rel.targetId.includes('/disks/')),
      );
      assert.ok(r.relationships.some((rel) => rel.kind === 'in-subnet'));
    }
    const states = fixture['instances']!.map((e) => normaliseInstance(e.record, e.project).state);
    assert.deepEqual(states, ['running', 'stopped', 'stopped', 'stopped']);
    assert.equal(instanceState('STAGING'), 'starting');
    assert.equal(instanceState('STOPPING'), 'stopping');
    assert.equal(instanceState('SOMETHING_NEW'), 'unknown');
  });

  it('a stopped instance keeps a static public IP: still public', () => {
    const stopped = fixture['instances']!.find(
      (e) =>
        e.checks.includes('compute.instance.public-ip') &&
        normaliseInstance(e.record, e.project).state === 'stopped',
    )!;
    const r = normaliseInstance(stopped.record, stopped.project);
    assert.equal(r.attributes['public'], true);
    assert.match(String(r.attributes['publicIp']), /^\d+\.\d+\.\d+\.\d+$/);
  });

  it('disks: size in GiB, always encrypted, key owner, attachment', () => {
    for (const { project, nativeId, checks, record } of fixture['disks']!) {
      const r = normaliseDisk(record, project);
      valid(r, nativeId);
      assert.equal(r.attributes['attached'], !checks.includes('compute.volume.unattached'));
      assert.equal(r.state, r.attributes['attached'] ? 'in-use' : 'available');
      assert.equal(r.attributes['encrypted'], true);
      assert.equal(typeof r.attributes['size'], 'number');
    }
    const cmek = normaliseDisk(fixture['disks']![0]!.record, fixture['disks']![0]!.project);
    assert.equal(cmek.attributes['encryption'], 'customer-managed');
    assert.match(
      String(cmek.relationships.find((x) => x.kind === 'uses-key')?.targetId),
      /^\/\/cloudkms\.googleapis\.com\/projects\/.+\/cryptoKeys\/[^/]+$/,
    );
    assert.match(String(cmek.relationships.find((x) => x.kind === 'attached-to')?.targetId), /\/instances\//);
    assert.equal(diskState('CREATING', false), 'pending');
  });

  it('snapshots: public when the IAM policy grants allUsers or allAuthenticatedUsers', () => {
    for (const { project, nativeId, checks, record, publicMembers } of fixture['snapshots']!) {
      const r = normaliseSnapshot(record, project, publicMembers ?? []);
      valid(r, nativeId);
      assert.equal(r.attributes['public'], checks.includes('compute.snapshot.public'));
      assert.equal(r.region, 'global');
      assert.equal(r.state, 'available');
      assert.ok(r.relationships.some((x) => x.kind === 'snapshot-of' && x.targetId.includes('/disks/')));
    }
  });

  it('firewalls: world-open SSH, RDP and all-ports rules decided from permissions alone', () => {
    for (const { project, nativeId, checks, record } of fixture['firewalls']!) {
      const r = normaliseFirewall(record, project);
      valid(r, nativeId);
      assert.equal(opensToWorld(r, 22), checks.includes('network.firewall.open-ssh'), `${nativeId} ssh`);
      assert.equal(opensToWorld(r, 3389), checks.includes('network.firewall.open-rdp'), `${nativeId} rdp`);
      assert.equal(
        opensToWorld(r, 5432, ['all']),
        checks.includes('network.firewall.open-all'),
        `${nativeId} all`,
      );
      // The same facts as AWS security groups and Azure NSGs carry, for the shared flags.
      assert.equal(r.attributes['openSsh'], checks.includes('network.firewall.open-ssh'), `${nativeId}`);
      assert.equal(r.attributes['openRdp'], checks.includes('network.firewall.open-rdp'), `${nativeId}`);
      assert.equal(r.attributes['openAll'], checks.includes('network.firewall.open-all'), `${nativeId}`);
      assert.equal(r.attributes['openToWorld'], opensToWorld(r, 443) || checks.length > 0, `${nativeId}`);
    }
    const disabled = fixture['firewalls']!.map((e) => normaliseFirewall(e.record, e.project)).find((r) =>
      r.name.endsWith('-allow-ssh-temp'),
    )!;
    assert.equal(disabled.attributes['enabled'], false);
    assert.equal(disabled.attributes['openToWorld'], false);
  });

  it('addresses: unassociated external addresses have no user', () => {
    for (const { project, nativeId, checks, record } of fixture['addresses']!) {
      const r = normaliseAddress(record, project);
      valid(r, nativeId);
      assert.equal(
        r.attributes['public'] === true && !r.attributes['attached'],
        checks.includes('network.ip.unassociated'),
      );
      assert.equal(r.state, r.attributes['attached'] ? 'in-use' : 'available');
    }
    const global = fixture['addresses']!.map((e) => normaliseAddress(e.record, e.project)).find(
      (r) => r.region === 'global',
    )!;
    assert.match(global.id, /\/global\/addresses\//);
  });

  it('forwarding rules, networks and subnetworks', () => {
    const [internal, external] = fixture['forwardingRules']!.map((e) => {
      const r = normaliseForwardingRule(e.record, e.project);
      valid(r, e.nativeId);
      return r;
    });
    assert.equal(internal!.attributes['public'], false);
    assert.ok(internal!.relationships.some((x) => x.kind === 'in-subnet'));
    assert.equal(external!.attributes['public'], true);
    assert.equal(external!.region, 'global');
    for (const e of fixture['networks']!) valid(normaliseNetwork(e.record, e.project), e.nativeId);
    const auto = normaliseNetwork(fixture['networks']![0]!.record, fixture['networks']![0]!.project);
    assert.equal(auto.attributes['mode'], 'auto');
    for (const e of fixture['subnetworks']!) {
      const r = normaliseSubnetwork(e.record, e.project);
      valid(r, e.nativeId);
      assert.match(String(r.attributes['cidr']), /\/20$/);
      assert.ok(
        r.relationships.some((x) => x.kind === 'in-vpc' && x.targetId.endsWith('/global/networks/default')),
      );
    }
  });
});
