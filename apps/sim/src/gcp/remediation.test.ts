import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import compute from '@google-cloud/compute';
import { ClusterManagerClient } from '@google-cloud/container';
import { v1 as functionsV1, v2 as functionsV2 } from '@google-cloud/functions';
import { KeyManagementServiceClient } from '@google-cloud/kms';
import { Storage } from '@google-cloud/storage';
import { sqladmin, type sqladmin_v1 } from '@googleapis/sqladmin';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';
import type { GcpEstate } from './estate.ts';

const T = 5_000;

/** The HTTP status and Google reason of an SDK error, whichever client threw it. */
function failure(e: unknown): { status: number | undefined; message: string } {
  const err = e as { code?: number; status?: number; message?: string };
  const status = err.status ?? (typeof err.code === 'number' && err.code >= 100 ? err.code : undefined);
  return { status, message: err.message ?? '' };
}

describe('GCP remediation writes through the official clients', () => {
  let sim: RunningSimulator;
  let gax: ReturnType<typeof gcpClientOptions>['gax'];
  let project: string;
  let gcp: () => GcpEstate;

  before(async () => {
    sim = await startTestSimulator({ size: '500', transitionMs: T, manualClock: true });
    gax = gcpClientOptions(sim).gax;
    ({ project } = firstProject(sim));
    gcp = () => sim.estate().gcp;
  });
  after(() => sim.close());

  it('disks: createSnapshot is CREATING until its zone operation is DONE; delete refuses attached disks', async () => {
    const disks = new compute.DisksClient(gax);
    const snapshots = new compute.SnapshotsClient(gax);
    const zoneOps = new compute.ZoneOperationsClient(gax);
    const attached = gcp()
      .compute.disks.list(project)
      .find((d) => d.users.length > 0)!;
    const [op] = await disks.createSnapshot({
      project,
      zone: attached.scope,
      disk: attached.name,
      snapshotResource: { name: 'escher-snap-1', labels: { made_by: 'escher' } },
    });
    const started = op.latestResponse as compute.protos.google.cloud.compute.v1.IOperation;
    assert.equal(started.status, 'RUNNING');
    assert.equal((await snapshots.get({ project, snapshot: 'escher-snap-1' }))[0].status, 'CREATING');
    sim.clock.advance(T);
    const [done] = await zoneOps.wait({ project, zone: attached.scope, operation: started.name! });
    assert.equal(done.status, 'DONE');
    const [snap] = await snapshots.get({ project, snapshot: 'escher-snap-1' });
    assert.equal(snap.status, 'READY');
    assert.match(snap.sourceDisk!, new RegExp(`/zones/${attached.scope}/disks/${attached.name}$`));
    await assert.rejects(
      disks.createSnapshot({
        project,
        zone: attached.scope,
        disk: attached.name,
        snapshotResource: { name: 'escher-snap-1' },
      }),
      (e) => failure(e).status === 409,
    );
    await assert.rejects(
      disks.delete({ project, zone: attached.scope, disk: attached.name }),
      (e) => failure(e).status === 400 && /already being used by/.test(failure(e).message),
    );
    const free = gcp()
      .compute.disks.list(project)
      .find((d) => d.users.length === 0)!;
    await disks.delete({ project, zone: free.scope, disk: free.name });
    await assert.rejects(
      disks.get({ project, zone: free.scope, disk: free.name }),
      (e) => failure(e).status === 404,
    );
  });

  it('disks and snapshots: setLabels needs the current fingerprint', async () => {
    const disks = new compute.DisksClient(gax);
    const disk = gcp().compute.disks.list(project)[0]!;
    const [current] = await disks.get({ project, zone: disk.scope, disk: disk.name });
    await assert.rejects(
      disks.setLabels({
        project,
        zone: disk.scope,
        resource: disk.name,
        zoneSetLabelsRequestResource: { labels: { a: 'b' }, labelFingerprint: 'stale' },
      }),
      (e) => failure(e).status === 412,
    );
    await disks.setLabels({
      project,
      zone: disk.scope,
      resource: disk.name,
      zoneSetLabelsRequestResource: { labels: { a: 'b' }, labelFingerprint: current.labelFingerprint! },
    });
    assert.deepEqual((await disks.get({ project, zone: disk.scope, disk: disk.name }))[0].labels, { a: 'b' });
    const snapshots = new compute.SnapshotsClient(gax);
    const [snap] = await snapshots.get({ project, snapshot: 'escher-snap-1' });
    await snapshots.setLabels({
      project,
      resource: 'escher-snap-1',
      globalSetLabelsRequestResource: { labels: {}, labelFingerprint: snap.labelFingerprint! },
    });
    assert.deepEqual((await snapshots.get({ project, snapshot: 'escher-snap-1' }))[0].labels ?? {}, {});
  });

  it('forwarding rules (regional and global): setLabels needs the current fingerprint', async () => {
    const rules = gcp().compute.forwardingRules.list(project);
    const regional = rules.find((r) => r.scope !== 'global');
    const global = rules.find((r) => r.scope === 'global');
    assert.ok(regional ?? global, 'the estate has forwarding rules');
    if (regional) {
      const client = new compute.ForwardingRulesClient(gax);
      const where = { project, region: regional.scope };
      const [current] = await client.get({ ...where, forwardingRule: regional.name });
      await assert.rejects(
        client.setLabels({
          ...where,
          resource: regional.name,
          regionSetLabelsRequestResource: { labels: { a: 'b' }, labelFingerprint: 'stale' },
        }),
        (e) => failure(e).status === 412,
      );
      await client.setLabels({
        ...where,
        resource: regional.name,
        regionSetLabelsRequestResource: { labels: { a: 'b' }, labelFingerprint: current.labelFingerprint! },
      });
      assert.deepEqual((await client.get({ ...where, forwardingRule: regional.name }))[0].labels, { a: 'b' });
    }
    if (global) {
      const client = new compute.GlobalForwardingRulesClient(gax);
      const [current] = await client.get({ project, forwardingRule: global.name });
      await client.setLabels({
        project,
        resource: global.name,
        globalSetLabelsRequestResource: {
          labels: { team: 'web' },
          labelFingerprint: current.labelFingerprint!,
        },
      });
      assert.deepEqual((await client.get({ project, forwardingRule: global.name }))[0].labels, {
        team: 'web',
      });
    }
  });

  it('snapshots: setIamPolicy drops allAuthenticatedUsers (stale etag 412), delete removes the snapshot', async () => {
    const snapshots = new compute.SnapshotsClient(gax);
    const shared = gcp()
      .compute.snapshots.list(project)
      .find((s) => s.iamMembers.length > 0);
    const name = shared?.name ?? 'escher-snap-1';
    const [policy] = await snapshots.getIamPolicy({ project, resource: name });
    await assert.rejects(
      snapshots.setIamPolicy({
        project,
        resource: name,
        globalSetPolicyRequestResource: { policy: { bindings: [], etag: 'BwXXXX==' } },
      }),
      (e) => failure(e).status === 412,
    );
    const [set] = await snapshots.setIamPolicy({
      project,
      resource: name,
      globalSetPolicyRequestResource: { policy: { bindings: [], etag: policy.etag ?? undefined } },
    });
    assert.equal(set.bindings?.length ?? 0, 0);
    assert.equal((await snapshots.getIamPolicy({ project, resource: name }))[0].bindings?.length ?? 0, 0);
    await snapshots.delete({ project, snapshot: 'escher-snap-1' });
    await assert.rejects(
      snapshots.get({ project, snapshot: 'escher-snap-1' }),
      (e) => failure(e).status === 404,
    );
  });

  it('firewalls.patch disables a rule and replaces ranges; an empty list changes nothing', async () => {
    const firewalls = new compute.FirewallsClient(gax);
    const rule = gcp()
      .compute.firewalls.list(project)
      .find((f) => f.sourceRanges?.includes('0.0.0.0/0'))!;
    const [op] = await firewalls.patch({
      project,
      firewall: rule.name,
      firewallResource: { sourceRanges: [] },
    });
    assert.equal((op.latestResponse as { operationType?: string }).operationType, 'patch');
    assert.ok((await firewalls.get({ project, firewall: rule.name }))[0].sourceRanges?.includes('0.0.0.0/0'));
    await firewalls.patch({
      project,
      firewall: rule.name,
      firewallResource: { sourceRanges: ['10.0.0.0/8'], disabled: true },
    });
    const [after] = await firewalls.get({ project, firewall: rule.name });
    assert.deepEqual(after.sourceRanges, ['10.0.0.0/8']);
    assert.equal(after.disabled, true);
    await assert.rejects(
      firewalls.patch({ project, firewall: rule.name, firewallResource: { sourceRanges: ['not-a-cidr'] } }),
      (e) => failure(e).status === 400,
    );
  });

  it('addresses: delete releases a reserved address and refuses one in use', async () => {
    const addresses = new compute.AddressesClient(gax);
    const regional = [...gcp().compute.addresses.all()].filter((a) => a.scope !== 'global');
    const used = regional.find((a) => a.users.length > 0)!;
    await assert.rejects(
      addresses.delete({ project: used.project, region: used.scope, address: used.name }),
      (e) => failure(e).status === 400 && /already being used/.test(failure(e).message),
    );
    const free = regional.find((a) => a.users.length === 0)!;
    const where = { project: free.project, region: free.scope, address: free.name };
    const [op] = await addresses.delete(where);
    assert.match(
      String((op.latestResponse as { region?: string }).region),
      new RegExp(`/regions/${free.scope}$`),
    );
    await assert.rejects(addresses.get(where), (e) => failure(e).status === 404);
  });

  it('Cloud SQL: backupRuns.insert names its run in backupContext; stopped instances and bad tiers are refused', async () => {
    const sql: sqladmin_v1.Sqladmin = sqladmin({ version: 'v1', ...gcpClientOptions(sim).googleapis });
    const running = [...gcp().sql.instances.values()].find(
      (i) => i.project === project && i.state === 'RUNNABLE',
    )!;
    const { data: op } = await sql.backupRuns.insert({
      project,
      instance: running.name,
      requestBody: { description: 'escher' },
    });
    assert.equal(op.operationType, 'BACKUP_VOLUME');
    const id = op.backupContext?.backupId;
    assert.ok(id);
    sim.clock.advance(T);
    const { data: run } = await sql.backupRuns.get({
      project,
      instance: running.name,
      id: id as unknown as string,
    });
    assert.equal(run.status, 'SUCCESSFUL');
    assert.equal(run.type, 'ON_DEMAND');
    assert.equal((await sql.backupRuns.list({ project, instance: running.name })).data.items?.length, 1);
    await assert.rejects(
      sql.instances.patch({
        project,
        instance: running.name,
        requestBody: { settings: { tier: 'db-huge' } },
      }),
      (e) => failure(e).status === 400 && /Invalid Tier/.test(failure(e).message),
    );
    await sql.instances.patch({
      project,
      instance: running.name,
      requestBody: { settings: { activationPolicy: 'NEVER' } },
    });
    sim.clock.advance(T);
    await assert.rejects(
      sql.backupRuns.insert({ project, instance: running.name, requestBody: {} }),
      (e) => failure(e).status === 400 && /not running/.test(failure(e).message),
    );
  });

  it('GKE: update, setResourceLabels and setSize run one operation at a time', async () => {
    const gke = new ClusterManagerClient(gax);
    const cluster = gcp().container.clusters.find((c) => !c.autopilot && c.nodePools.length > 0)!;
    const name = `projects/${cluster.project}/locations/${cluster.location}/clusters/${cluster.name}`;
    const [op] = await gke.updateCluster({
      name,
      update: {
        desiredMasterAuthorizedNetworksConfig: {
          enabled: true,
          cidrBlocks: [{ displayName: 'office', cidrBlock: '203.0.113.0/24' }],
        },
      },
    });
    assert.equal(op.status, 'RUNNING');
    assert.equal((await gke.getCluster({ name }))[0].status, 'RECONCILING');
    await assert.rejects(
      gke.setNodePoolSize({ name: `${name}/nodePools/${cluster.nodePools[0]!.name}`, nodeCount: 1 }),
      (e) => /incompatible operation/.test(failure(e).message),
    );
    sim.clock.advance(T);
    const opName = `projects/${cluster.project}/locations/${cluster.location}/operations/${op.name}`;
    assert.equal((await gke.getOperation({ name: opName }))[0].status, 'DONE');
    const [got] = await gke.getCluster({ name });
    assert.equal(got.masterAuthorizedNetworksConfig?.enabled, true);
    assert.deepEqual(
      got.masterAuthorizedNetworksConfig?.cidrBlocks?.map((b) => b.cidrBlock),
      ['203.0.113.0/24'],
    );
    await gke.setLabels({ name, resourceLabels: { team: 'core' }, labelFingerprint: got.labelFingerprint! });
    sim.clock.advance(T);
    await gke.setNodePoolSize({ name: `${name}/nodePools/${cluster.nodePools[0]!.name}`, nodeCount: 0 });
    sim.clock.advance(T);
    const [resized] = await gke.getCluster({ name });
    assert.deepEqual(resized.resourceLabels, { team: 'core' });
    assert.equal(resized.nodePools?.[0]?.initialNodeCount ?? 0, 0);
    await assert.rejects(gke.setLabels({ name, resourceLabels: {}, labelFingerprint: 'stale' }), (e) =>
      /fingerprint/.test(failure(e).message),
    );
  });

  it('KMS: cryptoKeys.patch sets and clears the rotation schedule', async () => {
    const kms = new KeyManagementServiceClient(gax);
    const key = gcp().kms.cryptoKeys.find((k) => k.project === project)!;
    const name = `projects/${project}/locations/${key.location}/keyRings/${key.keyRing}/cryptoKeys/${key.name}`;
    await assert.rejects(
      kms.updateCryptoKey({
        cryptoKey: { name, rotationPeriod: { seconds: 3600 }, nextRotationTime: { seconds: 2_000_000_000 } },
        updateMask: { paths: ['rotation_period', 'next_rotation_time'] },
      }),
      (e) => /at least 24 hours/.test(failure(e).message),
    );
    const [rotating] = await kms.updateCryptoKey({
      cryptoKey: {
        name,
        rotationPeriod: { seconds: 90 * 86_400 },
        nextRotationTime: { seconds: 2_000_000_000 },
      },
      updateMask: { paths: ['rotation_period', 'next_rotation_time'] },
    });
    assert.equal(Number(rotating.rotationPeriod?.seconds), 90 * 86_400);
    const [off] = await kms.updateCryptoKey({
      cryptoKey: { name },
      updateMask: { paths: ['rotation_period', 'next_rotation_time'] },
    });
    assert.equal(off.rotationPeriod ?? null, null);
  });

  it('Cloud Storage: patch sets and clears the default KMS key (an unknown key is refused)', async () => {
    const storage = new Storage({
      apiEndpoint: sim.endpoints.gcp,
      projectId: project,
      authClient: gcpClientOptions(sim).authClient as never,
    });
    const bucket = [...gcp().storage.buckets.values()].find((b) => b.project === project)!;
    const key = gcp().kms.cryptoKeys.find((k) => k.project === project)!;
    const keyName = `projects/${project}/locations/${key.location}/keyRings/${key.keyRing}/cryptoKeys/${key.name}`;
    const [set] = await storage
      .bucket(bucket.name)
      .setMetadata({ encryption: { defaultKmsKeyName: keyName } });
    assert.equal(set.encryption?.defaultKmsKeyName, keyName);
    await assert.rejects(
      storage.bucket(bucket.name).setMetadata({ encryption: { defaultKmsKeyName: `${keyName}-gone` } }),
      (e) => failure(e).status === 400,
    );
    const [cleared] = await storage.bucket(bucket.name).setMetadata({ encryption: null });
    assert.equal(cleared.encryption, undefined);
  });

  it('Cloud Functions: patch labels is a long-running operation in both API versions', async () => {
    // The v1 and v2 clients share one cached proto root, and each constructor rewrites the
    // GetOperation HTTP rule in it (a google-gax quirk): poll each version's operation before
    // constructing the other client.
    const fns = gcp().functions.functions;
    const gen1 = fns.find((f) => f.generation === 1)!;
    const gen2 = fns.find((f) => f.generation === 2)!;
    const v1 = new functionsV1.CloudFunctionsServiceClient(gax);
    const name1 = `projects/${gen1.project}/locations/${gen1.region}/functions/${gen1.name}`;
    const [op1] = await v1.updateFunction({
      function: { name: name1, labels: {} },
      updateMask: { paths: ['labels'] },
    });
    assert.equal(op1.done, false);
    sim.clock.advance(T);
    assert.equal((await v1.checkUpdateFunctionProgress(op1.name!)).done, true);
    assert.deepEqual((await v1.getFunction({ name: name1 }))[0].labels ?? {}, {});
    const v2 = new functionsV2.FunctionServiceClient(gax);
    const name2 = `projects/${gen2.project}/locations/${gen2.region}/functions/${gen2.name}`;
    const [op2] = await v2.updateFunction({
      function: { name: name2, labels: { team: 'web' } },
      updateMask: { paths: ['labels'] },
    });
    sim.clock.advance(T);
    assert.equal((await v2.checkUpdateFunctionProgress(op2.name!)).done, true);
    assert.deepEqual((await v2.getFunction({ name: name2 }))[0].labels, { team: 'web' });
    await assert.rejects(v2.updateFunction({ function: { name: name2, labels: {} } }), (e) =>
      /update_mask/.test(failure(e).message),
    );
  });
});
