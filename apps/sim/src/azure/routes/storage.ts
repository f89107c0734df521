import type { SimResponse } from '../../core/http.ts';
import { AzureError, invalidContent } from '../arm/errors.ts';
import { jsonBody, ok, requireResource, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import type { StorageRecord } from '../records.ts';
import { T } from '../records.ts';
import { renderBlobService, renderStorageAccount } from '../render/data.ts';
import { parseTags, resourceRoutes, RG } from './kit.ts';

const ACCOUNT = `${RG}/providers/${T.storage}/{name}`;

/** Storage validates the account name before anything else. */
function account(rc: ArmRequest): StorageRecord {
  const name = rc.params['name'] ?? '';
  if (!/^[a-z0-9]{3,24}$/.test(name)) {
    throw new AzureError(
      400,
      'AccountNameInvalid',
      `${name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
    );
  }
  return requireResource(rc, T.storage);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidContent(`Error converting value to type 'Object'. Path '${path}'`);
  return value as Record<string, unknown>;
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean')
    throw invalidContent(`Could not convert string to boolean: ${String(value)}. Path '${path}'`);
  return value;
}

/** PATCH storageAccounts/{name}: tags, allowBlobPublicAccess, TLS, https-only, public network access. */
function update(rc: ArmRequest): SimResponse {
  const s = account(rc);
  const body = jsonBody(rc);
  const p = object(body['properties'], 'properties');
  if (body['tags'] !== undefined) s.tags = parseTags(body['tags']);
  if (p['allowBlobPublicAccess'] !== undefined)
    s.allowBlobPublicAccess = bool(p['allowBlobPublicAccess'], 'properties.allowBlobPublicAccess');
  if (p['supportsHttpsTrafficOnly'] !== undefined)
    s.httpsOnly = bool(p['supportsHttpsTrafficOnly'], 'properties.supportsHttpsTrafficOnly');
  if (p['minimumTlsVersion'] !== undefined) {
    const v = String(p['minimumTlsVersion']);
    if (!['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'].includes(v))
      throw new AzureError(
        400,
        'InvalidValuesForRequestParameters',
        `Values for request parameters are invalid: minimumTlsVersion.`,
      );
    s.minimumTlsVersion = v === 'TLS1_0' || v === 'TLS1_1' ? 'TLS1_0' : 'TLS1_2';
  }
  if (p['publicNetworkAccess'] !== undefined)
    s.publicNetworkAccess = String(p['publicNetworkAccess']) === 'Disabled' ? 'Disabled' : 'Enabled';
  const encryption = object(p['encryption'], 'properties.encryption');
  const services = object(encryption['services'], 'properties.encryption.services');
  const blob = object(services['blob'], 'properties.encryption.services.blob');
  if (blob['enabled'] !== undefined)
    s.blobEncryption = bool(blob['enabled'], 'properties.encryption.services.blob.enabled');
  return ok(renderStorageAccount(s));
}

/** PUT blobServices/default: versioning is the part the simulator keeps. */
function setBlobService(rc: ArmRequest): SimResponse {
  const s = account(rc);
  const p = object(jsonBody(rc)['properties'], 'properties');
  if (p['isVersioningEnabled'] !== undefined)
    s.versioning = bool(p['isVersioningEnabled'], 'properties.isVersioningEnabled');
  return ok(renderBlobService(s));
}

function blobServiceName(rc: ArmRequest): void {
  if ((rc.params['service'] ?? '').toLowerCase() !== 'default') {
    throw new AzureError(
      400,
      'InvalidResourceName',
      `The resource name '${rc.params['service']}' is invalid. The only supported blob service name is 'default'.`,
    );
  }
}

export const storageRoutes: ArmRoute[] = [
  ...resourceRoutes({
    service: 'storage',
    type: T.storage,
    group: 'storageAccounts',
    customPatch: true,
    render: (_rc, s) => renderStorageAccount(s),
  }).map((route) =>
    route.operation === 'storageAccounts.get'
      ? {
          ...route,
          operation: 'storageAccounts.getProperties',
          handle: (rc: ArmRequest) => ok(renderStorageAccount(account(rc))),
        }
      : route,
  ),
  { method: 'PATCH', path: ACCOUNT, service: 'storage', operation: 'storageAccounts.update', handle: update },
  {
    method: 'GET',
    path: `${ACCOUNT}/blobServices`,
    service: 'storage',
    operation: 'blobServices.list',
    handle: (rc) => ok({ value: [renderBlobService(account(rc))] }),
  },
  {
    method: 'GET',
    path: `${ACCOUNT}/blobServices/{service}`,
    service: 'storage',
    operation: 'blobServices.getServiceProperties',
    handle: (rc) => {
      blobServiceName(rc);
      return ok(renderBlobService(account(rc)));
    },
  },
  {
    method: 'PUT',
    path: `${ACCOUNT}/blobServices/{service}`,
    service: 'storage',
    operation: 'blobServices.setServiceProperties',
    handle: (rc) => {
      blobServiceName(rc);
      return setBlobService(rc);
    },
  },
];
