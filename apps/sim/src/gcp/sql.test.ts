import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sqladmin, type sqladmin_v1 } from '@googleapis/sqladmin';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

describe('GCP Cloud SQL Admin through @googleapis/sqladmin', () => {
  let sim: RunningSimulator;
  let sql: sqladmin_v1.Sqladmin;
  let project: string;
  let counts: Record<string, number>;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium', transitionMs: 10_000, manualClock: true });
    ({ project, counts } = firstProject(sim));
    sql = sqladmin({ version: 'v1', ...gcpClientOptions(sim).googleapis });
  });
  after(() => sim.close());

  it('lists every instance with settings, IPs and backup configuration', async () => {
    const { data } = await sql.instances.list({ project });
    const items = data.items ?? [];
    assert.equal(items.length, counts['database.instance']);
    const manifest = sim.estate().manifest.misconfigurations;
    const publicIds = new Set(manifest['database.instance.public']?.resources ?? []);
    const noBackup = new Set(manifest['database.instance.no-backup']?.resources ?? []);
    for (const i of items) {
      const id = `//sqladmin.googleapis.com/projects/${project}/instances/${i.name}`;
      const open =
        i.settings?.ipConfiguration?.ipv4Enabled === true &&
        (i.settings.ipConfiguration.authorizedNetworks ?? []).some((n) => n.value === '0.0.0.0/0');
      assert.equal(open, publicIds.has(id), `${i.name} public`);
      assert.equal(i.settings?.backupConfiguration?.enabled === false, noBackup.has(id), `${i.name} backups`);
      assert.match(i.databaseVersion!, /^(POSTGRES|MYSQL|SQLSERVER)_/);
      assert.equal(i.connectionName, `${project}:${i.region}:${i.name}`);
    }
  });

  it('stops with activationPolicy NEVER and starts with ALWAYS, through operations', async () => {
    const target = [...sim.estate().gcp.sql.instances.values()].find(
      (i) => i.project === project && i.state === 'RUNNABLE',
    )!;
    const { data: op } = await sql.instances.patch({
      project,
      instance: target.name,
      requestBody: { settings: { activationPolicy: 'NEVER' } },
    });
    assert.equal(op.kind, 'sql#operation');
    assert.equal(op.operationType, 'UPDATE');
    assert.equal(op.status, 'RUNNING');
    assert.equal(
      (await sql.instances.get({ project, instance: target.name })).data.settings?.activationPolicy,
      'NEVER',
    );
    sim.clock.advance(10_000);
    assert.equal((await sql.operations.get({ project, operation: op.name! })).data.status, 'DONE');
    assert.equal((await sql.instances.get({ project, instance: target.name })).data.state, 'STOPPED');
    await assert.rejects(
      sql.instances.restart({ project, instance: target.name }),
      (e: Error & { status?: number }) => e.status === 400 && /not running/.test(e.message),
    );
    await sql.instances.patch({
      project,
      instance: target.name,
      requestBody: { settings: { activationPolicy: 'ALWAYS' } },
    });
    sim.clock.advance(10_000);
    assert.equal((await sql.instances.get({ project, instance: target.name })).data.state, 'RUNNABLE');
    const { data: restart } = await sql.instances.restart({ project, instance: target.name });
    assert.equal(restart.operationType, 'RESTART');
  });

  it('patches labels, authorized networks and backups', async () => {
    const target = [...sim.estate().gcp.sql.instances.values()].find((i) => i.project === project)!;
    const before = (await sql.instances.get({ project, instance: target.name })).data;
    await sql.instances.patch({
      project,
      instance: target.name,
      requestBody: {
        settings: {
          userLabels: { env: 'prod' },
          ipConfiguration: { authorizedNetworks: [] },
          backupConfiguration: { enabled: true },
        },
      },
    });
    const after = (await sql.instances.get({ project, instance: target.name })).data;
    assert.equal(after.settings?.userLabels?.['env'], 'prod');
    assert.deepEqual(after.settings?.ipConfiguration?.authorizedNetworks, []);
    assert.equal(after.settings?.backupConfiguration?.enabled, true);
    assert.notEqual(after.etag, before.etag);
    assert.equal(Number(after.settings?.settingsVersion), Number(before.settings?.settingsVersion) + 1);
  });

  it('serves v1beta4 too, and a missing instance is 404 instanceDoesNotExist', async () => {
    const beta = sqladmin({ version: 'v1beta4', ...gcpClientOptions(sim).googleapis });
    assert.equal((await beta.instances.list({ project })).data.items?.length, counts['database.instance']);
    await assert.rejects(
      sql.instances.get({ project, instance: 'nope' }),
      (
        e: Error & { status?: number; response?: { data?: { error?: { errors?: { reason: string }[] } } } },
      ) => {
        return e.status === 404 && e.response?.data?.error?.errors?.[0]?.reason === 'instanceDoesNotExist';
      },
    );
  });
});
