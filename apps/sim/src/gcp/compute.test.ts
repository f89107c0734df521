import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import compute from '@google-cloud/compute';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

type Scoped = Record<string, unknown[] | undefined>;

/** Counts the items of an aggregated list across every scope. */
async function countAggregated(iterable: AsyncIterable<[string, Scoped]>, key: string): Promise<number> {
  let n = 0;
  for await (const [, scoped] of iterable) n += scoped[key]?.length ?? 0;
  return n;
}

describe('GCP Compute Engine through @google-cloud/compute (REST)', () => {
  let sim: RunningSimulator;
  let opts: ReturnType<typeof gcpClientOptions>['gax'];
  let project: string;
  let counts: Record<string, number>;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium', transitionMs: 5_000, manualClock: true });
    opts = gcpClientOptions(sim).gax;
    ({ project, counts } = firstProject(sim));
  });
  after(() => sim.close());

  it('aggregated lists count exactly what the manifest says, per type', async () => {
    const expect = async (name: string, n: number, type: string) =>
      assert.equal(n, counts[type], `${name} vs ${type}`);
    await expect(
      'instances',
      await countAggregated(
        new compute.InstancesClient(opts).aggregatedListAsync({ project, maxResults: 50 }) as never,
        'instances',
      ),
      'compute.instance',
    );
    await expect(
      'disks',
      await countAggregated(new compute.DisksClient(opts).aggregatedListAsync({ project }) as never, 'disks'),
      'compute.volume',
    );
    await expect(
      'addresses',
      await countAggregated(
        new compute.AddressesClient(opts).aggregatedListAsync({ project }) as never,
        'addresses',
      ),
      'network.ip',
    );
    await expect(
      'forwardingRules',
      await countAggregated(
        new compute.ForwardingRulesClient(opts).aggregatedListAsync({ project }) as never,
        'forwardingRules',
      ),
      'network.loadbalancer',
    );
    await expect(
      'subnetworks',
      await countAggregated(
        new compute.SubnetworksClient(opts).aggregatedListAsync({ project }) as never,
        'subnetworks',
      ),
      'network.subnet',
    );
    const [firewalls] = await new compute.FirewallsClient(opts).list({ project });
    await expect('firewalls', firewalls.length, 'network.firewall');
    const [networks] = await new compute.NetworksClient(opts).list({ project });
    await expect('networks', networks.length, 'network.vpc');
    const [snapshots] = await new compute.SnapshotsClient(opts).list({ project });
    await expect('snapshots', snapshots.length, 'compute.snapshot');
  });

  it('reports every zone in aggregated lists, empty ones with NO_RESULTS_ON_PAGE', async () => {
    const scopes: [string, compute.protos.google.cloud.compute.v1.IInstancesScopedList][] = [];
    for await (const entry of new compute.InstancesClient(opts).aggregatedListAsync({
      project,
      maxResults: 500,
    }))
      scopes.push(entry);
    assert.ok(scopes.length >= 30, 'every zone of every region is a scope');
    assert.ok(scopes.every(([key]) => /^zones\/[a-z0-9-]+$/.test(key)));
    const empty = scopes.filter(([, s]) => !s.instances?.length);
    assert.ok(empty.length > 0);
    for (const [, s] of empty) assert.equal(s.warning?.code, 'NO_RESULTS_ON_PAGE');
  });

  it('instances carry machine type URLs, status, NICs, disks, labels and uint64 ids as strings', async () => {
    const client = new compute.InstancesClient(opts);
    const all: compute.protos.google.cloud.compute.v1.IInstance[] = [];
    for await (const [, scoped] of client.aggregatedListAsync({ project }))
      all.push(...(scoped.instances ?? []));
    const inst = all[0]!;
    assert.match(String(inst.id), /^\d{19}$/);
    assert.match(
      inst.machineType!,
      new RegExp(
        `^${sim.endpoints.gcp}/compute/v1/projects/${project}/zones/[a-z0-9-]+/machineTypes/[a-z0-9-]+$`,
      ),
    );
    assert.ok(inst.disks!.some((d) => d.boot));
    assert.ok(inst.networkInterfaces![0]!.networkIP);
    const manifest = sim.estate().manifest.misconfigurations;
    const publicIds = new Set(manifest['compute.instance.public-ip']!.resources);
    const withNat = all.filter((i) =>
      i.networkInterfaces?.some((n) => n.accessConfigs?.some((a) => a.natIP)),
    );
    for (const i of withNat) {
      const zone = i.zone!.split('/').pop();
      assert.ok(
        publicIds.has(`//compute.googleapis.com/projects/${project}/zones/${zone}/instances/${i.name}`),
        `${i.name} is recorded public`,
      );
    }
  });

  it('filters lists by status, name and label', async () => {
    const client = new compute.InstancesClient(opts);
    const running: string[] = [];
    for await (const [, scoped] of client.aggregatedListAsync({ project, filter: 'status = RUNNING' }))
      running.push(...(scoped.instances ?? []).map((i) => String(i.status)));
    assert.ok(running.length > 0);
    assert.ok(running.every((s) => s === 'RUNNING'));
    const one = sim.estate().gcp.compute.instances.list(project)[0]!;
    const [byName] = await client.list({ project, zone: one.scope, filter: `name = ${one.name}` });
    assert.deepEqual(
      byName.map((i) => i.name),
      [one.name],
    );
    const [labelKey, labelValue] = Object.entries(one.labels)[0]!;
    const [byLabel] = await client.list({
      project,
      zone: one.scope,
      filter: `labels.${labelKey} = ${labelValue}`,
    });
    assert.ok(byLabel.some((i) => i.name === one.name));
    await assert.rejects(
      client.list({ project, zone: one.scope, filter: 'status = = (' }),
      /Invalid list filter expression/,
    );
  });

  it('stop returns a zone Operation; wait answers at once; the instance is TERMINATED after the transition', async () => {
    const client = new compute.InstancesClient(opts);
    const ops = new compute.ZoneOperationsClient(opts);
    const target = sim
      .estate()
      .gcp.compute.instances.list(project)
      .find((i) => i.state === 'RUNNING')!;
    const [op] = await client.stop({ project, zone: target.scope, instance: target.name });
    const name = (op.latestResponse as unknown as { name: string }).name;
    assert.match(name, /^operation-/);
    assert.equal((op.latestResponse as unknown as { status: unknown }).status, 'RUNNING');
    const [waited] = await ops.wait({ project, zone: target.scope, operation: name });
    assert.equal(waited.status, 'RUNNING');
    assert.equal(
      (await client.get({ project, zone: target.scope, instance: target.name }))[0].status,
      'STOPPING',
    );
    sim.clock.advance(5_000);
    // The Node client names the operation by its id; Compute accepts either.
    const [done] = await ops.get({ project, zone: target.scope, operation: String(op.name) });
    assert.equal(done.status, 'DONE');
    assert.equal(
      done.targetLink,
      `${sim.endpoints.gcp}/compute/v1/projects/${project}/zones/${target.scope}/instances/${target.name}`,
    );
    assert.equal(
      (await client.get({ project, zone: target.scope, instance: target.name }))[0].status,
      'TERMINATED',
    );

    await client.start({ project, zone: target.scope, instance: target.name });
    assert.equal(
      (await client.get({ project, zone: target.scope, instance: target.name }))[0].status,
      'STAGING',
    );
    sim.clock.advance(5_000);
    assert.equal(
      (await client.get({ project, zone: target.scope, instance: target.name }))[0].status,
      'RUNNING',
    );
    const [reset] = await client.reset({ project, zone: target.scope, instance: target.name });
    assert.equal((reset.latestResponse as unknown as { operationType: string }).operationType, 'reset');
  });

  it('setLabels checks the label fingerprint: a stale one is 412 conditionNotMet', async () => {
    const client = new compute.InstancesClient(opts);
    const target = sim.estate().gcp.compute.instances.list(project)[1]!;
    const [before] = await client.get({ project, zone: target.scope, instance: target.name });
    await client.setLabels({
      project,
      zone: target.scope,
      instance: target.name,
      instancesSetLabelsRequestResource: {
        labels: { ...before.labels, env: 'prod', owner: 'sre' },
        labelFingerprint: before.labelFingerprint,
      },
    });
    const [afterSet] = await client.get({ project, zone: target.scope, instance: target.name });
    assert.equal(afterSet.labels!['env'], 'prod');
    assert.notEqual(afterSet.labelFingerprint, before.labelFingerprint);
    await assert.rejects(
      client.setLabels({
        project,
        zone: target.scope,
        instance: target.name,
        instancesSetLabelsRequestResource: {
          labels: { env: 'dev' },
          labelFingerprint: before.labelFingerprint,
        },
      }),
      (error: Error & { code?: number }) =>
        error.code === 412 &&
        /conditionNotMet/.test(error.message) &&
        /Labels fingerprint/.test(error.message),
    );
  });

  it('setMachineType fails while running and succeeds once the instance is stopped', async () => {
    const client = new compute.InstancesClient(opts);
    const target = sim
      .estate()
      .gcp.compute.instances.list(project)
      .filter((i) => i.state === 'RUNNING')[2]!;
    const request = {
      project,
      zone: target.scope,
      instance: target.name,
      instancesSetMachineTypeRequestResource: {
        machineType: `zones/${target.scope}/machineTypes/n2-standard-8`,
      },
    };
    await assert.rejects(
      client.setMachineType(request),
      (error: Error & { code?: number }) =>
        error.code === 400 && /Instance is starting or running/.test(error.message),
    );
    await client.stop({ project, zone: target.scope, instance: target.name });
    sim.clock.advance(5_000);
    const [op] = await client.setMachineType(request);
    assert.equal((op.latestResponse as unknown as { status: string }).status, 'DONE');
    const [after] = await client.get({ project, zone: target.scope, instance: target.name });
    assert.match(after.machineType!, /\/machineTypes\/n2-standard-8$/);
    await assert.rejects(
      client.setMachineType({
        ...request,
        instancesSetMachineTypeRequestResource: {
          machineType: 'zones/us-central1-a/machineTypes/no-such-type',
        },
      }),
      /does not exist in zone/,
    );
  });

  it('delete removes the instance and its auto-delete boot disk after the transition', async () => {
    const client = new compute.InstancesClient(opts);
    const disks = new compute.DisksClient(opts);
    const target = sim
      .estate()
      .gcp.compute.instances.list(project)
      .find((i) => !i.deletionProtection && i.disks.length === 1)!;
    await client.delete({ project, zone: target.scope, instance: target.name });
    sim.clock.advance(5_000);
    await assert.rejects(
      client.get({ project, zone: target.scope, instance: target.name }),
      (e: Error & { code?: number }) => e.code === 404 && /was not found/.test(e.message),
    );
    await assert.rejects(
      disks.get({ project, zone: target.scope, disk: target.name }),
      (e: Error & { code?: number }) => e.code === 404,
    );
  });

  it('gets disks, snapshots, firewalls, networks, addresses and regions by name', async () => {
    const c = sim.estate().gcp.compute;
    const disk = c.disks.list(project).find((d) => d.users.length === 0)!;
    const [gotDisk] = await new compute.DisksClient(opts).get({ project, zone: disk.scope, disk: disk.name });
    assert.equal(gotDisk.users?.length ?? 0, 0);
    const snapshot = c.snapshots.list(project)[0]!;
    assert.equal(
      (await new compute.SnapshotsClient(opts).get({ project, snapshot: snapshot.name }))[0].sourceDiskId,
      snapshot.sourceDisk.id,
    );
    const firewall = c.firewalls.list(project)[0]!;
    assert.equal(
      (await new compute.FirewallsClient(opts).get({ project, firewall: firewall.name }))[0].direction,
      firewall.direction,
    );
    const network = c.networks.list(project)[0]!;
    assert.ok(
      (await new compute.NetworksClient(opts).get({ project, network: network.name }))[0].subnetworks!
        .length > 0,
    );
    const address = c.addresses.list(project).find((a) => a.scope !== 'global')!;
    const [gotAddress] = await new compute.AddressesClient(opts).get({
      project,
      region: address.scope,
      address: address.name,
    });
    assert.equal(gotAddress.status, address.users.length ? 'IN_USE' : 'RESERVED');
    const [regions] = await new compute.RegionsClient(opts).list({ project });
    assert.ok(regions.some((r) => r.name === 'us-central1'));
  });

  it('pages with a page-size fault and empty pages still list everything', async () => {
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 3, emptyPageEvery: 4 } });
    try {
      const since = sim.log.lastSeq;
      const n = await countAggregated(
        new compute.InstancesClient(opts).aggregatedListAsync({ project }) as never,
        'instances',
      );
      const live = sim.estate().gcp.compute.instances.list(project).length;
      assert.equal(n, live);
      const pages = sim.log.list(since).filter((c) => c.operation === 'instances.aggregatedList').length;
      assert.ok(pages >= Math.ceil(live / 3), `${pages} pages`);
      const [firewalls] = await new compute.FirewallsClient(opts).list({ project });
      assert.equal(firewalls.length, sim.estate().gcp.compute.firewalls.list(project).length);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('answers unknown resources with Google 404s and unknown zones with 400', async () => {
    const client = new compute.InstancesClient(opts);
    await assert.rejects(
      client.get({ project, zone: 'us-central1-a', instance: 'no-such-vm' }),
      (e: Error & { code?: number }) => {
        const body = JSON.parse(e.message) as {
          error: { code: number; errors: { reason: string }[]; status: string };
        };
        return (
          e.code === 404 && body.error.errors[0]!.reason === 'notFound' && body.error.status === 'NOT_FOUND'
        );
      },
    );
    await assert.rejects(
      client.list({ project, zone: 'mars-north1-a' }),
      (e: Error & { code?: number }) => e.code === 400 && /Unknown zone/.test(e.message),
    );
    await assert.rejects(
      client.list({ project: 'no-such-project', zone: 'us-central1-a' }),
      (e: Error & { code?: number }) => e.code === 404,
    );
  });
});
