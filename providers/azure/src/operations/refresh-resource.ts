import { UserError, type Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import { armContext, callAzure, type CallOptions } from '../arm/call.ts';
import type { AzureClients } from '../clients.ts';
import { ARM_CONCURRENCY, armTarget } from '../discovery/context.ts';
import { fillGaps } from '../discovery/fill-gaps.ts';
import { listVaultKeys } from '../keyvault/list-vault-keys.ts';
import { parentId, resourceGroupOf } from '../normalise/common.ts';
import { normaliseKeyVault } from '../normalise/key-vault.ts';
import { NetworkIndex } from '../normalise/network-index.ts';
import { normaliseRow } from '../normalise/normalise-row.ts';
import { normaliseStorageAccount } from '../normalise/storage-account.ts';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { getBlobService } from '../storage/get-blob-service.ts';
import { apiVersionOf } from './api-versions.ts';
import { parseArmId } from './arm-target.ts';
import { isNotFound } from './operation-kit.ts';

const STORAGE = 'microsoft.storage/storageaccounts';
const VAULT = 'microsoft.keyvault/vaults';
const VM = 'microsoft.compute/virtualmachines';
const PIP = 'microsoft.network/publicipaddresses';
const LB = 'microsoft.network/loadbalancers';
const NIC_SEGMENT = '/providers/microsoft.network/networkinterfaces/';

/** An ARM resource as JSON: the envelope fields a Graph row has. */
type ArmJson = Partial<Omit<GraphRow, 'resourceGroup' | 'subscriptionId'>>;

/** One resource by id from ARM (generic GET by id), shaped as a Resource Graph row; undefined if gone. */
async function getRow(
  clients: AzureClients,
  id: string,
  account: string,
  options: CallOptions,
): Promise<GraphRow | undefined> {
  const target = parseArmId(id);
  const version = apiVersionOf(target.armType);
  if (!version)
    throw new UserError('azure-refresh-unsupported', `Escher does not read ${target.armType} resources`, {
      hint: 'Refresh works for the types discovery reads (see docs/operations-azure.md)',
    });
  // The raw JSON, not the SDK's GenericResource model: its deserializer drops fields the model
  // lacks (zones among them), and the normalisers read ARM's JSON as Resource Graph returns it.
  let raw: ArmJson | undefined;
  try {
    await callAzure(options, armContext(target.subscriptionId, 'resources.getById'), () =>
      clients.resources(target.subscriptionId).resources.getById(id, version, {
        abortSignal: options.signal,
        onResponse: (response) => {
          raw = response.parsedBody as ArmJson | undefined;
        },
      }),
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const found: ArmJson = raw ?? {};
  const rowId = found.id ?? id;
  return {
    id: rowId,
    name: found.name ?? target.name,
    // Resource Graph lower-cases these two; the normalisers read them either way.
    type: (found.type ?? target.armType).toLowerCase(),
    resourceGroup: (resourceGroupOf(rowId) ?? target.resourceGroup).toLowerCase(),
    location: found.location ?? '',
    subscriptionId: account,
    tags: found.tags ?? null,
    properties: found.properties ?? null,
    sku: found.sku ?? null,
    kind: found.kind ?? null,
    zones: found.zones ?? null,
    managedBy: found.managedBy ?? null,
    identity: found.identity ?? null,
  };
}

/**
 * The NICs and public IPs one row is joined through — what discovery's whole-subscription index
 * would hold for it: a VM's NICs and their public IPs, a public IP's NIC, a load balancer's
 * backend NICs.
 */
async function networkFor(clients: AzureClients, row: GraphRow, options: CallOptions): Promise<NetworkIndex> {
  const network = new NetworkIndex();
  const type = row.type.toLowerCase();
  const p = (row.properties ?? {}) as Record<string, unknown>;
  const nicIds = new Set<string>();
  if (type === VM) {
    const nics = (p['networkProfile'] as { networkInterfaces?: { id?: string }[] } | undefined)
      ?.networkInterfaces;
    for (const nic of nics ?? []) if (nic.id) nicIds.add(nic.id);
  } else if (type === PIP) {
    const config = (p['ipConfiguration'] as { id?: string } | undefined)?.id;
    if (config && config.toLowerCase().includes(NIC_SEGMENT)) nicIds.add(parentId(config));
  } else if (type === LB) {
    const pools = (p['backendAddressPools'] ?? []) as {
      properties?: { backendIPConfigurations?: { id?: string }[] };
    }[];
    for (const pool of pools)
      for (const config of pool.properties?.backendIPConfigurations ?? [])
        if (config.id?.toLowerCase().includes(NIC_SEGMENT)) nicIds.add(parentId(config.id));
  } else return network;
  const nics = await mapLimit([...nicIds], ARM_CONCURRENCY, (id) =>
    getRow(clients, id, row.subscriptionId, options),
  );
  for (const nic of nics) if (nic) network.addNic(nic);
  if (type !== VM) return network;
  const pipIds = [...nicIds].flatMap((id) => network.nic(id)?.publicIpIds ?? []);
  const pips = await mapLimit(pipIds, ARM_CONCURRENCY, (id) =>
    getRow(clients, id, row.subscriptionId, options),
  );
  for (const pip of pips) if (pip) network.addPip(pip);
  return network;
}

/**
 * Re-reads one resource from ARM by its native id and normalises it with the normaliser discovery
 * uses, completed the same way (power state, blob service, vault keys, NICs), so a verify step or
 * a state precondition sees exactly what a sync would. ARM rather than Resource Graph: Graph
 * catches up with changes asynchronously, and a verify right after a change must not read the
 * old state. Subnets are read through their virtual network. Undefined when the resource is gone.
 */
export async function refreshResource(
  clients: AzureClients,
  resource: Resource,
  options: CallOptions,
): Promise<Resource | undefined> {
  if (resource.cloud !== 'azure')
    throw new UserError('azure-wrong-cloud', `${resource.name} is a ${resource.cloud} resource`, {
      hint: 'Refresh it through the provider of its own cloud',
    });
  const target = parseArmId(resource.nativeId);
  const isSubnet = target.armType.toLowerCase() === 'microsoft.network/virtualnetworks/subnets';
  const row = await getRow(
    clients,
    isSubnet ? parentId(resource.nativeId) : resource.nativeId,
    resource.account,
    options,
  );
  if (!row) return undefined;
  const ctx = { clients, subscriptionId: target.subscriptionId, options };
  let resources: Resource[];
  switch (row.type.toLowerCase()) {
    case STORAGE:
      resources = normaliseStorageAccount(
        row,
        await getBlobService(clients, target.subscriptionId, armTarget(row), options),
      );
      break;
    case VAULT:
      resources = normaliseKeyVault(
        row,
        await listVaultKeys(clients, target.subscriptionId, armTarget(row), options),
      );
      break;
    default: {
      const network = await networkFor(clients, row, options);
      await fillGaps(ctx, [row]);
      resources = normaliseRow(row, network);
    }
  }
  const id = resource.nativeId.toLowerCase();
  return resources.find((r) => r.nativeId.toLowerCase() === id);
}
