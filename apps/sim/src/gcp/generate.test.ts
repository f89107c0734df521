import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../core/rng.ts';
import { ManifestBuilder } from '../estate/manifest-builder.ts';
import { planEstate } from '../estate/size.ts';
import { isTagged } from '../estate/tags.ts';
import { clusterFullName } from './container/generate.ts';
import { addressFullName, forwardingRuleFullName } from './compute/generate-addresses.ts';
import { firewallFullName } from './compute/generate-firewalls.ts';
import { diskFullName, instanceFullName } from './compute/generate-instances.ts';
import { snapshotFullName } from './compute/generate-snapshots.ts';
import type { GcpEstate } from './estate.ts';
import { functionFullName } from './functions/generate.ts';
import { generateGcp } from './generate.ts';
import { serviceAccountFullName } from './iam/generate.ts';
import { cryptoKeyFullName } from './kms/generate.ts';
import { sqlFullName } from './sql/generate.ts';
import { bucketFullName } from './storage/generate.ts';

const EPOCH = Date.UTC(2026, 10, 1);

function generate(
  seed: number,
  size: string,
): { estate: GcpEstate; manifest: ReturnType<ManifestBuilder['build']> } {
  const builder = new ManifestBuilder();
  const estate = generateGcp({
    rng: new Rng(seed).fork('gcp'),
    plan: planEstate(size),
    epoch: EPOCH,
    manifest: builder,
  });
  return {
    estate,
    manifest: builder.build({ seed, size, epoch: new Date(EPOCH).toISOString(), generatedInMs: 0 }),
  };
}

/** Every labelled resource's native id and labels. */
function labelled(e: GcpEstate): [string, Record<string, string>][] {
  const c = e.compute;
  return [
    ...[...c.instances.all()].map((i) => [instanceFullName(i), i.labels] as [string, Record<string, string>]),
    ...[...c.disks.all()].map((d) => [diskFullName(d), d.labels] as [string, Record<string, string>]),
    ...[...c.snapshots.all()].map((s) => [snapshotFullName(s), s.labels] as [string, Record<string, string>]),
    ...[...c.addresses.all()].map((a) => [addressFullName(a), a.labels] as [string, Record<string, string>]),
    ...[...c.forwardingRules.all()].map(
      (f) => [forwardingRuleFullName(f), f.labels] as [string, Record<string, string>],
    ),
    ...[...e.storage.buckets.values()].map(
      (b) => [bucketFullName(b.name), b.labels] as [string, Record<string, string>],
    ),
    ...[...e.sql.instances.values()].map(
      (i) => [sqlFullName(i.project, i.name), i.userLabels] as [string, Record<string, string>],
    ),
    ...e.container.clusters.map((k) => [clusterFullName(k), k.labels] as [string, Record<string, string>]),
    ...e.functions.functions.map((f) => [functionFullName(f), f.labels] as [string, Record<string, string>]),
    ...e.kms.cryptoKeys.map((k) => [cryptoKeyFullName(k), k.labels] as [string, Record<string, string>]),
  ];
}

describe('GCP estate generation', () => {
  it('is deterministic: the same seed gives the same estate and manifest', () => {
    const a = generate(7, 'medium');
    const b = generate(7, 'medium');
    assert.deepEqual(a.manifest, b.manifest);
    assert.deepEqual([...a.estate.compute.instances.all()], [...b.estate.compute.instances.all()]);
    assert.deepEqual(a.estate.billing, b.estate.billing);
    assert.notDeepEqual(generate(8, 'medium').manifest.accounts, a.manifest.accounts);
  });

  it('uses Google-shaped ids and names', () => {
    const { estate } = generate(3, 'medium');
    for (const p of estate.projects) {
      assert.match(p.projectId, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
      assert.match(p.projectNumber, /^\d{12}$/);
    }
    const name = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
    for (const i of estate.compute.instances.all()) {
      assert.match(i.name, name);
      assert.match(i.id, /^\d{19}$/);
    }
    for (const f of estate.compute.firewalls.all()) assert.match(f.name, name);
    for (const s of estate.compute.snapshots.all()) assert.match(s.name, name);
    for (const a of estate.iam.serviceAccounts)
      assert.match(a.email, /^[a-z0-9-]{6,30}@[a-z0-9.-]+\.gserviceaccount\.com$/);
    assert.match(estate.billing.table, /^gcp_billing_export_v1_[0-9A-F]{6}_[0-9A-F]{6}_[0-9A-F]{6}$/);
  });

  it('records exactly the untagged resources, and every misconfigured id exists', () => {
    const { estate, manifest } = generate(11, 'medium');
    const all = labelled(estate);
    const untagged = new Set(manifest.misconfigurations['resource.untagged']!.resources);
    for (const [id, labels] of all) assert.equal(!isTagged(labels), untagged.has(id), id);
    const known = new Set([
      ...all.map(([id]) => id),
      ...[...estate.compute.firewalls.all()].map(firewallFullName),
      ...estate.iam.serviceAccounts.map((a) => serviceAccountFullName(a.project, a.email)),
    ]);
    for (const [check, entry] of Object.entries(manifest.misconfigurations)) {
      if (check === 'cost.anomaly') continue;
      assert.ok(entry!.resources.length > 0, `${check} present`);
      for (const id of entry!.resources) assert.ok(known.has(id), `${check}: ${id}`);
    }
    for (const skipped of [
      'storage.bucket.unencrypted',
      'compute.volume.unencrypted',
      'database.instance.unencrypted',
      'iam.user.no-mfa',
    ]) {
      assert.equal(
        manifest.misconfigurations[skipped as 'iam.user.no-mfa'],
        undefined,
        `${skipped} does not apply to GCP`,
      );
    }
  });

  it('lands close to the planned size and counts what it makes', () => {
    const { estate, manifest } = generate(5, 'large');
    const plan = planEstate('large');
    assert.ok(
      Math.abs(manifest.totalResources - plan.resources.gcp) / plan.resources.gcp < 0.1,
      `${manifest.totalResources}`,
    );
    for (const p of estate.projects) {
      const counts = manifest.counts['gcp']![p.projectId]!;
      assert.equal(counts['compute.instance'], estate.compute.instances.count(p.projectId));
      assert.equal(counts['compute.volume'], estate.compute.disks.count(p.projectId));
      assert.equal(counts['network.firewall'], estate.compute.firewalls.count(p.projectId));
    }
    const rate =
      manifest.misconfigurations['network.firewall.open-ssh']!.count /
      [...estate.compute.firewalls.all()].length;
    assert.ok(rate > 0.1 && rate < 0.2, `open-ssh rate ${rate}`);
    assert.ok(manifest.costAnomalies.length >= 2);
  });
});
