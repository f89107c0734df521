import type { SimResponse } from '../../core/http.ts';
import { begin, settle } from '../../core/transition.ts';
import { AzureError, invalidContent } from '../arm/errors.ts';
import { accepted, beginOperation } from '../arm/lro.ts';
import { jsonBody, ok, requireResource, type ArmRequest } from '../arm/request.ts';
import type { FlexServerRecord } from '../records.ts';
import type { T } from '../records.ts';
import { renderFlexServer } from '../render/data.ts';
import { parseTags } from './kit.ts';

type Engine = typeof T.postgres | typeof T.mysql;

const TIERS: readonly FlexServerRecord['tier'][] = ['Burstable', 'GeneralPurpose', 'MemoryOptimized'];

function object(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidContent(`Error converting value to type 'Object'. Path '${path}'`);
  return value as Record<string, unknown>;
}

function invalidValue(name: string, value: unknown): AzureError {
  return new AzureError(
    400,
    'InvalidParameterValue',
    `Invalid value given for parameter ${name}: '${String(value)}'.`,
  );
}

/** The tier a compute size belongs to, as the portal pairs them (B → Burstable, E → MemoryOptimized). */
function tierOf(sku: string): FlexServerRecord['tier'] {
  const family = sku.replace(/^Standard_/i, '')[0]?.toUpperCase();
  return family === 'B' ? 'Burstable' : family === 'E' ? 'MemoryOptimized' : 'GeneralPurpose';
}

/**
 * PATCH of a PostgreSQL or MySQL flexible server: tags at once (200), and the changes that make the
 * service work — `properties.network.publicNetworkAccess` and `sku` — as a long-running update (202,
 * state Updating for `transitionMs`). Only a Ready server takes them (ServerIsNotReady otherwise),
 * and a server created into a delegated subnet cannot be opened to the Internet.
 */
export function updateFlexServer(type: Engine): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const server = requireResource(rc, type);
    const body = jsonBody(rc);
    const network = object(object(body['properties'], 'properties')['network'], 'properties.network');
    const sku = object(body['sku'], 'sku');
    const access = network['publicNetworkAccess'];
    if (access !== undefined && access !== 'Enabled' && access !== 'Disabled')
      throw invalidValue('publicNetworkAccess', access);
    const skuName = sku['name'];
    if (skuName !== undefined && (typeof skuName !== 'string' || !/^Standard_[A-Za-z0-9_]+$/.test(skuName)))
      throw invalidValue('sku.name', skuName);
    const tier = sku['tier'];
    if (tier !== undefined && !TIERS.includes(tier as FlexServerRecord['tier']))
      throw invalidValue('sku.tier', tier);
    if (body['tags'] !== undefined) server.tags = parseTags(body['tags']);

    const opening = access !== undefined && (access === 'Enabled') !== server.publicAccess;
    const resizing = typeof skuName === 'string' && skuName !== server.skuName;
    if (!opening && !resizing) return ok(renderFlexServer(server, rc.ctx.clock));
    const state = settle(server.state, rc.ctx.clock).state;
    if (state !== 'Ready')
      throw new AzureError(
        400,
        'ServerIsNotReady',
        `Update Server can only be performed on Started servers. Server Name = ${server.name}, Current Server State = ${state}`,
      );
    if (access === 'Enabled' && !server.publicAccess && !server.privateEndpointOnly)
      throw new AzureError(
        400,
        'PublicNetworkAccessNotAllowed',
        `Public network access cannot be enabled for server ${server.name}: it is integrated into a virtual network (delegated subnet).`,
      );
    if (opening) {
      server.publicAccess = access === 'Enabled';
      server.privateEndpointOnly = access === 'Disabled' ? true : undefined;
    }
    if (resizing) {
      server.skuName = skuName;
      server.tier = (tier as FlexServerRecord['tier'] | undefined) ?? tierOf(skuName);
    }
    const duration = rc.ctx.timing.transitionMs;
    begin(server.state, 'Updating', 'Ready', duration, rc.ctx.clock);
    return accepted(
      rc,
      beginOperation(rc, {
        namespace: type.split('/')[0]!,
        name: 'update',
        resourceId: server.id,
        location: server.location,
        durationMs: duration,
      }),
    );
  };
}
