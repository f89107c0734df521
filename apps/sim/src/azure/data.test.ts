import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StorageManagementClient } from '@azure/arm-storage';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

const TRANSITION_MS = 3_000;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('azure storage and databases', () => {
  let sim: RunningSimulator;
  let sdk: ReturnType<typeof azureSdk>;
  let subscription: string;

  before(async () => {
    sim = await startTestSimulator({ transitionMs: TRANSITION_MS, size: '600' });
    sdk = azureSdk(sim);
    subscription = sdk.subscriptions[0]!;
  });
  after(() => sim.close());

  const count = (type: string): number =>
    sim.estate().manifest.counts.azure![subscription]![type as 'storage.bucket'] ?? 0;

  it('lists storage accounts and turns off public blob access with update', async () => {
    const storage = new StorageManagementClient(sdk.credential, subscription, sdk.options);
    const accounts = await collect(storage.storageAccounts.list());
    assert.equal(accounts.length, count('storage.bucket'));
    const account = accounts[0]!;
    const rg = groupOf(account.id!);
    assert.equal(typeof account.allowBlobPublicAccess, 'boolean');
    assert.ok(account.encryption?.services?.blob);
    const updated = await storage.storageAccounts.update(rg, account.name!, { allowBlobPublicAccess: true });
    assert.equal(updated.allowBlobPublicAccess, true);
    await storage.storageAccounts.update(rg, account.name!, { allowBlobPublicAccess: false });
    const got = await storage.storageAccounts.getProperties(rg, account.name!);
    assert.equal(got.allowBlobPublicAccess, false);
    const inGroup = await collect(storage.storageAccounts.listByResourceGroup(rg));
    assert.ok(inGroup.some((a) => a.id === account.id));
    await assert.rejects(
      storage.storageAccounts.getProperties(rg, 'Not_A_Valid_Name'),
      (e: { code?: string }) => e.code === 'AccountNameInvalid',
    );
  });

  it('reads and sets blob versioning through blobServices', async () => {
    const storage = new StorageManagementClient(sdk.credential, subscription, sdk.options);
    const account = (await collect(storage.storageAccounts.list()))[0]!;
    const rg = groupOf(account.id!);
    await storage.blobServices.setServiceProperties(rg, account.name!, { isVersioningEnabled: true });
    const props = await storage.blobServices.getServiceProperties(rg, account.name!);
    assert.equal(props.isVersioningEnabled, true);
  });

  it('stops and starts a PostgreSQL flexible server; refuses to stop a stopped one', async () => {
    const pg = new PostgreSQLManagementFlexibleServerClient(sdk.credential, subscription, sdk.options);
    const servers = await collect(pg.servers.listBySubscription());
    assert.ok(servers.length > 0);
    const server = servers.find((s) => s.state === 'Ready')!;
    assert.match(server.version ?? '', /^\d+$/);
    assert.ok(['Enabled', 'Disabled'].includes(server.network?.publicNetworkAccess ?? ''));
    assert.ok((server.backup?.backupRetentionDays ?? 0) >= 7);
    const rg = groupOf(server.id!);
    const stop = await pg.servers.beginStop(rg, server.name!);
    assert.equal((await pg.servers.get(rg, server.name!)).state, 'Stopping');
    sim.clock.advance(TRANSITION_MS);
    await stop.pollUntilDone();
    assert.equal((await pg.servers.get(rg, server.name!)).state, 'Stopped');
    await assert.rejects(
      pg.servers.beginStopAndWait(rg, server.name!),
      (e: { code?: string }) => e.code === 'ServerIsNotReady',
    );
    const start = await pg.servers.beginStart(rg, server.name!);
    sim.clock.advance(TRANSITION_MS);
    await start.pollUntilDone();
    assert.equal((await pg.servers.get(rg, server.name!)).state, 'Ready');
  });

  it('stops and starts a MySQL flexible server', async () => {
    const all = [];
    for (const sub of sdk.subscriptions) {
      const client = new MySQLManagementFlexibleServerClient(sdk.credential, sub, sdk.options);
      for (const server of await collect(client.servers.list())) all.push({ client, server });
    }
    const found = all.find((x) => x.server.state === 'Ready');
    assert.ok(found, 'a ready MySQL server');
    const { client: mysql, server } = found;
    assert.match(server.version ?? '', /^(5\.7|8\.0\.21)$/);
    const rg = groupOf(server.id!);
    const stop = await mysql.servers.beginStop(rg, server.name!);
    sim.clock.advance(TRANSITION_MS);
    await stop.pollUntilDone();
    assert.equal((await mysql.servers.get(rg, server.name!)).state, 'Stopped');
    const start = await mysql.servers.beginStart(rg, server.name!);
    sim.clock.advance(TRANSITION_MS);
    await start.pollUntilDone();
    assert.equal((await mysql.servers.get(rg, server.name!)).state, 'Ready');
  });
});
