import type { SimClock } from '../../core/clock.ts';
import type { AzureEstate } from '../estate.ts';
import type { AnyResource, ResourceGroupRecord, SubscriptionRecord } from '../records.ts';
import { T } from '../records.ts';
import { renderDisk, renderSnapshot, renderVm } from './compute.ts';
import { envelope } from './common.ts';
import { renderFlexServer, renderStorageAccount } from './data.ts';
import { renderLb, renderNic, renderNsg, renderPip, renderVnet } from './network.ts';
import { renderCluster, renderSite } from './platform.ts';
import { renderIdentity, renderVault } from './security.ts';

export function renderSubscription(s: SubscriptionRecord): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: s.quotaId,
      spendingLimit: 'Off',
    },
  };
}

export function renderGroup(g: ResourceGroupRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: g.id,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
  };
  if (Object.keys(g.tags).length > 0) out['tags'] = g.tags;
  out['properties'] = { provisioningState: 'Succeeded' };
  return out;
}

/** Any resource in its provider's own shape (GET by ID, Resource Graph's properties). */
export function renderResource(az: AzureEstate, r: AnyResource, clock: SimClock): Record<string, unknown> {
  switch (r.type) {
    case T.vm:
      return renderVm(az, r, clock);
    case T.disk:
      return renderDisk(r);
    case T.snapshot:
      return renderSnapshot(r);
    case T.nic:
      return renderNic(r);
    case T.nsg:
      return renderNsg(r);
    case T.pip:
      return renderPip(r);
    case T.vnet:
      return renderVnet(r);
    case T.lb:
      return renderLb(r);
    case T.storage:
      return renderStorageAccount(r);
    case T.postgres:
    case T.mysql:
      return renderFlexServer(r, clock);
    case T.site:
      return renderSite(r);
    case T.aks:
      return renderCluster(r, clock);
    case T.vault:
      return renderVault(r);
    case T.identity:
      return renderIdentity(r);
  }
}

/**
 * The generic resources API's item (`/subscriptions/{s}/resources`): envelope, sku, kind,
 * managedBy, zones; no properties unless `$expand` asks.
 */
export function renderGeneric(
  az: AzureEstate,
  r: AnyResource,
  clock: SimClock,
  expand: boolean,
): Record<string, unknown> {
  const full = renderResource(az, r, clock);
  const out = envelope(r, r.type);
  for (const key of ['sku', 'kind', 'managedBy', 'zones', 'identity'])
    if (full[key] !== undefined) out[key] = full[key];
  if (expand) {
    out['createdTime'] = new Date(r.createdAt).toISOString();
    out['provisioningState'] = 'Succeeded';
  }
  return out;
}
