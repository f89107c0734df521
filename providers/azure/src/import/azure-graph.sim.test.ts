import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import type { Resource, ResourceType } from '@escher/protocol';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { AzureClients } from '../clients.ts';
import { azureProvider } from '../index.ts';
import { queryResources } from '../resource-graph/query-resources.ts';
import { AzureGraphImporter } from './azure-graph-importer.ts';

/**
 * What a Resource Graph export cannot carry, per type (a sync reads it from ARM): these
 * attributes are absent from the imported resource. Everything else must equal the sync.
 */
const NOT_IN_GRAPH: Partial<Record<ResourceType, readonly string[]>> = {
  'storage.bucket': ['versioning', 'softDeleteDays'],
  'security.key': ['keyCount', 'keysWithoutRotation', 'rotationEnabled'],
};

describe('Azure Resource Graph import against the simulator', () => {
  let sim: SimTarget;
  let synced: Resource[];
  let imported: Resource[];
  const ignored = new Set<string>();
  before(async () => {
    sim = await startSimProcess(['--seed', '11', '--size', 'small']);
    const credentials = {
      kind: 'service-principal' as const,
      tenantId: sim.azureTenantId,
      clientId: 'escher-import',
      clientSecret: 'sim',
    };
    synced = await discoverAll(
      azureProvider.create(credentials, { endpoint: sim.azure, caCert: sim.caCert }),
    );
    const clients = new AzureClients(
      new ClientSecretCredential(sim.azureTenantId, 'escher-import', 'sim', {
        authorityHost: sim.azure,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: sim.caCert },
      }),
      { endpoint: sim.azure, caCert: sim.caCert },
    );
    // `az graph query -q "Resources"`: every column of every row, plus the ones az adds.
    const rows: Record<string, unknown>[] = [];
    for (const subscription of sim.manifest.accounts['azure']!)
      for await (const page of queryResources(clients, subscription.id, 'Resources', {}))
        rows.push(
          ...page.map((r) => ({ ...r, tenantId: sim.azureTenantId, plan: null, extendedLocation: null })),
        );
    const importer = new AzureGraphImporter();
    for (const row of rows) importer.observe(row);
    imported = rows.flatMap((row, i) => {
      const outcome = importer.normalise(row, `data[${i}]`);
      if ('ignored' in outcome) {
        ignored.add(outcome.ignored.split(' ')[0]!.toLowerCase());
        return [];
      }
      return outcome.resources;
    });
  });
  after(() => sim?.stop());

  it('imports every resource a sync finds, ignoring only types Escher does not model', () => {
    assert.deepEqual(imported.map((r) => r.id).sort(), synced.map((r) => r.id).sort());
    assert.ok(ignored.has('microsoft.network/networkinterfaces'), [...ignored].join());
  });

  const types = (): ResourceType[] => [...new Set(synced.map((r) => r.type))].sort();
  it('covers every SPEC type the Azure provider discovers', () => {
    assert.equal(types().length, 14, types().join());
  });

  for (const type of [
    'compute.instance',
    'compute.volume',
    'compute.snapshot',
    'storage.bucket',
    'database.instance',
    'serverless.function',
    'container.cluster',
    'network.vpc',
    'network.subnet',
    'network.firewall',
    'network.loadbalancer',
    'network.ip',
    'iam.role',
    'security.key',
  ] as const) {
    const ignore = NOT_IN_GRAPH[type] ?? [];
    it(`normalises ${type} exactly as a sync does${ignore.length ? ` (but attributes ${ignore.join(', ')})` : ''}`, () => {
      const byId = new Map(imported.map((r) => [r.id, r]));
      const mine = synced.filter((r) => r.type === type);
      assert.ok(mine.length > 0, `the estate has no ${type}`);
      for (const want of mine) {
        const got = byId.get(want.id)!;
        const expected = { ...want, attributes: { ...want.attributes } };
        for (const key of ignore) {
          delete expected.attributes[key];
          assert.equal(got.attributes[key], undefined, `${key} should be unknown, not guessed`);
        }
        assert.deepEqual(got, expected, want.id);
      }
    });
  }
});
