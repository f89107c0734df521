import type { SimResponse } from '../../core/http.ts';
import { begin, settle } from '../../core/transition.ts';
import { AzureError } from '../arm/errors.ts';
import { accepted, beginOperation } from '../arm/lro.ts';
import { requireResource, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { T } from '../records.ts';
import { renderFlexServer } from '../render/data.ts';
import { updateFlexServer } from './flex-server-update.ts';
import { resourceRoutes, RG } from './kit.ts';

type Engine = typeof T.postgres | typeof T.mysql;

/**
 * start / stop / restart of a flexible server: 202 with the operation headers; the server passes
 * through Starting / Stopping. Stopping a stopped server (or starting a ready one) is refused with
 * the service's own ServerIsNotReady / ServerIsNotStopped.
 */
function action(type: Engine, name: 'start' | 'stop' | 'restart'): (rc: ArmRequest) => SimResponse {
  return (rc) => {
    const server = requireResource(rc, type);
    const state = settle(server.state, rc.ctx.clock).state;
    const duration = rc.ctx.timing.transitionMs;
    if (name === 'start') {
      if (state !== 'Stopped') {
        throw new AzureError(
          400,
          'ServerIsNotStopped',
          `Start Server can only be performed on Stopped servers. Server Name = ${server.name}, Current Server State = ${state}`,
        );
      }
      begin(server.state, 'Starting', 'Ready', duration, rc.ctx.clock);
    } else {
      if (state !== 'Ready') {
        throw new AzureError(
          400,
          'ServerIsNotReady',
          `Restart or Stop Server can only be performed on Started servers. Server Name = ${server.name}, Current Server State = ${state}`,
        );
      }
      if (name === 'stop') begin(server.state, 'Stopping', 'Stopped', duration, rc.ctx.clock);
      else begin(server.state, 'Updating', 'Ready', duration, rc.ctx.clock);
    }
    const namespace = type.split('/')[0]!;
    return accepted(
      rc,
      beginOperation(rc, {
        namespace,
        name,
        resourceId: server.id,
        location: server.location,
        durationMs: duration,
      }),
    );
  };
}

function engineRoutes(type: Engine, service: string): ArmRoute[] {
  const server = `${RG}/providers/${type}/{name}`;
  return [
    ...resourceRoutes({
      service,
      type,
      group: 'servers',
      customPatch: true,
      render: (rc, s) => renderFlexServer(s, rc.ctx.clock),
    }),
    {
      method: 'PATCH',
      path: server,
      service,
      operation: 'servers.update',
      handle: updateFlexServer(type),
    },
    {
      method: 'POST',
      path: `${server}/start`,
      service,
      operation: 'servers.start',
      handle: action(type, 'start'),
    },
    {
      method: 'POST',
      path: `${server}/stop`,
      service,
      operation: 'servers.stop',
      handle: action(type, 'stop'),
    },
    {
      method: 'POST',
      path: `${server}/restart`,
      service,
      operation: 'servers.restart',
      handle: action(type, 'restart'),
    },
  ];
}

export const databaseRoutes: ArmRoute[] = [
  ...engineRoutes(T.postgres, 'dbforpostgresql'),
  ...engineRoutes(T.mysql, 'dbformysql'),
];
