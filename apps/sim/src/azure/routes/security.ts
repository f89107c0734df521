import { AzureError } from '../arm/errors.ts';
import { listPage, ok, requireResource } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { T } from '../records.ts';
import { renderIdentity, renderKey, renderVault } from '../render/security.ts';
import { resourceRoutes, RG } from './kit.ts';

const VAULT = `${RG}/providers/${T.vault}/{name}`;

export const securityRoutes: ArmRoute[] = [
  ...resourceRoutes({
    service: 'keyvault',
    type: T.vault,
    group: 'vaults',
    names: { listAll: 'listBySubscription' },
    render: (_rc, v) => renderVault(v),
  }),
  {
    method: 'GET',
    path: `${VAULT}/keys`,
    service: 'keyvault',
    operation: 'keys.list',
    handle: (rc) => {
      const vault = requireResource(rc, T.vault);
      return listPage(rc, vault.keys, (k) => renderKey(vault, k), 25);
    },
  },
  {
    method: 'GET',
    path: `${VAULT}/keys/{key}`,
    service: 'keyvault',
    operation: 'keys.get',
    handle: (rc) => {
      const vault = requireResource(rc, T.vault);
      const key = vault.keys.find((k) => k.name.toLowerCase() === rc.params['key']!.toLowerCase());
      if (!key)
        throw new AzureError(
          404,
          'KeyNotFound',
          `The key '${rc.params['key']}' could not be found in vault '${vault.name}'.`,
        );
      return ok(renderKey(vault, key));
    },
  },
  ...resourceRoutes({
    service: 'managedidentity',
    type: T.identity,
    group: 'userAssignedIdentities',
    names: { listAll: 'listBySubscription' },
    render: (_rc, i) => renderIdentity(i),
  }),
];
