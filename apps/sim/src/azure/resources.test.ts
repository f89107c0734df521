import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-subscriptions';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk } from '../testing/azure-sdk.ts';

function get(
  sim: RunningSimulator,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.endpoints.azure}${path}`,
      { ca: sim.endpoints.azureCaCert, headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('azure identity and resource manager', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  it('issues a bearer token to a service principal through OpenID discovery', async () => {
    const { credential } = azureSdk(sim);
    const token = await credential.getToken('https://management.azure.com/.default');
    assert.ok(token.token.length > 20);
    assert.ok(token.expiresOnTimestamp > Date.now());
    const discovery = await get(sim, `/${sim.endpoints.azureTenantId}/v2.0/.well-known/openid-configuration`);
    const doc = JSON.parse(discovery.body) as { issuer: string; token_endpoint: string };
    assert.equal(
      doc.token_endpoint,
      `${sim.endpoints.azure}/${sim.endpoints.azureTenantId}/oauth2/v2.0/token`,
    );
    assert.ok(doc.issuer.startsWith(sim.endpoints.azure));
  });

  it('refuses ARM calls without a bearer token, in ARM shape', async () => {
    const res = await get(sim, '/subscriptions?api-version=2022-12-01');
    assert.equal(res.status, 401);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'AuthenticationFailed');
    assert.match(String(res.headers['www-authenticate']), /^Bearer authorization_uri=/);
  });

  it('lists and gets subscriptions with their display names', async () => {
    const { credential, options, subscriptions } = azureSdk(sim);
    const client = new SubscriptionClient(credential, options);
    const listed = [];
    for await (const s of client.subscriptions.list()) listed.push(s);
    assert.deepEqual(listed.map((s) => s.subscriptionId).sort(), [...subscriptions].sort());
    assert.equal(listed[0]!.displayName, 'Contoso Production');
    const one = await client.subscriptions.get(subscriptions[1]!);
    assert.equal(one.displayName, 'Contoso Development');
    assert.equal(one.state, 'Enabled');
    await assert.rejects(
      client.subscriptions.get('00000000-0000-0000-0000-000000000000'),
      (e: { code?: string; statusCode?: number }) =>
        e.code === 'SubscriptionNotFound' && e.statusCode === 404,
    );
    const locations = [];
    for await (const l of client.subscriptions.listLocations(subscriptions[0]!)) locations.push(l.name);
    assert.ok(locations.includes('westeurope'));
  });

  it('lists and gets resource groups, case-insensitively', async () => {
    const { credential, options, subscriptions } = azureSdk(sim);
    const client = new ResourceManagementClient(credential, subscriptions[0]!, options);
    const groups = [];
    for await (const g of client.resourceGroups.list()) groups.push(g);
    const expected = sim.estate().azure.resourceGroups.filter((g) => g.subscriptionId === subscriptions[0]);
    assert.equal(groups.length, expected.length);
    const got = await client.resourceGroups.get(groups[0]!.name!.toUpperCase());
    assert.equal(got.id, groups[0]!.id);
    await assert.rejects(
      client.resourceGroups.get('no-such-group'),
      (e: { code?: string }) => e.code === 'ResourceGroupNotFound',
    );
  });

  it('lists every resource of a subscription through the generic resources API, with $filter', async () => {
    const { credential, options, subscriptions } = azureSdk(sim);
    const client = new ResourceManagementClient(credential, subscriptions[0]!, options);
    const all = [];
    for await (const r of client.resources.list()) all.push(r);
    const expected = [...sim.estate().azure.byId.values()].filter(
      (r) => r.subscriptionId === subscriptions[0],
    );
    assert.equal(all.length, expected.length);
    const vms = [];
    for await (const r of client.resources.list({
      filter: "resourceType eq 'Microsoft.Compute/virtualMachines'",
    }))
      vms.push(r);
    assert.ok(vms.length > 0);
    assert.ok(vms.every((r) => r.type === 'Microsoft.Compute/virtualMachines'));
  });

  it('lists key vaults the way arm-keyvault does (generic resources with a type filter)', async () => {
    const { credential, options, subscriptions } = azureSdk(sim);
    const client = new KeyVaultManagementClient(credential, subscriptions[0]!, options);
    const vaults = [];
    for await (const v of client.vaults.list()) vaults.push(v);
    assert.equal(vaults.length, sim.estate().manifest.counts.azure![subscriptions[0]!]!['security.key']);
  });

  it('merges, replaces and deletes tags at a resource scope', async () => {
    const { credential, options, subscriptions } = azureSdk(sim);
    const client = new ResourceManagementClient(credential, subscriptions[0]!, options);
    const identity = [...sim.estate().azure.byId.values()].find(
      (r) =>
        r.type === 'Microsoft.ManagedIdentity/userAssignedIdentities' &&
        r.subscriptionId === subscriptions[0],
    )!;
    const merged = await client.tagsOperations.beginUpdateAtScopeAndWait(identity.id, {
      operation: 'Merge',
      properties: { tags: { 'cost-center': 'cc-42' } },
    });
    assert.equal(merged.properties.tags?.['cost-center'], 'cc-42');
    const got = await client.tagsOperations.getAtScope(identity.id);
    assert.equal(got.properties.tags?.['cost-center'], 'cc-42');
    await client.tagsOperations.beginCreateOrUpdateAtScopeAndWait(identity.id, {
      properties: { tags: { env: 'prod', owner: 'sre@example.com' } },
    });
    assert.deepEqual(identity.tags, { env: 'prod', owner: 'sre@example.com' });
    await client.tagsOperations.beginUpdateAtScopeAndWait(identity.id, {
      operation: 'Delete',
      properties: { tags: { env: 'prod' } },
    });
    assert.deepEqual(identity.tags, { owner: 'sre@example.com' });
  });
});
