import type { OperationRequest } from '@escher/provider-api';
import type { AzureClients } from '../clients.ts';
import { armTargetOf, type ArmTarget } from './arm-target.ts';
import { armRead, runLro } from './operation-kit.ts';

export const POSTGRES = 'Microsoft.DBforPostgreSQL/flexibleServers';
export const MYSQL = 'Microsoft.DBforMySQL/flexibleServers';
/** The api-version of MySQL flexible server PATCHes sent by id: arm-mysql-flexible 3.1 (2021-05-01) has no network update. */
export const MYSQL_API_VERSION = '2023-12-30';

export interface DbTarget extends ArmTarget {
  engine: 'postgres' | 'mysql';
}

/**
 * A PostgreSQL or MySQL flexible server. Azure SQL databases are `database.instance` too, but
 * have no start/stop, public switch or size of this kind; they get a UserError naming the types.
 */
export function dbTarget(request: OperationRequest, operation: string): DbTarget {
  const target = armTargetOf(request.target, operation, [POSTGRES, MYSQL]);
  return { ...target, engine: target.armType.toLowerCase() === MYSQL.toLowerCase() ? 'mysql' : 'postgres' };
}

/** What the operations read of a server, either engine. */
export interface ServerInfo {
  state: string;
  publicNetworkAccess: string;
  sku: { name: string; tier: string };
}

export async function readServer(
  clients: AzureClients,
  request: OperationRequest,
  db: DbTarget,
): Promise<ServerInfo> {
  const server = await armRead(request, db.subscriptionId, 'servers.get', () =>
    db.engine === 'postgres'
      ? clients
          .postgres(db.subscriptionId)
          .servers.get(db.resourceGroup, db.name, { abortSignal: request.signal })
      : clients
          .mysql(db.subscriptionId)
          .servers.get(db.resourceGroup, db.name, { abortSignal: request.signal }),
  );
  return {
    state: server.state ?? 'Unknown',
    publicNetworkAccess: server.network?.publicNetworkAccess ?? 'Unknown',
    sku: { name: server.sku?.name ?? 'unknown', tier: server.sku?.tier ?? 'unknown' },
  };
}

/** Starts, stops or restarts a server through its engine's client, waited for. */
export function serverAction(
  clients: AzureClients,
  request: OperationRequest,
  db: DbTarget,
  action: 'start' | 'stop' | 'restart',
): Promise<unknown> {
  return runLro<unknown>(request, db.subscriptionId, `servers.${action}`, async (abortSignal) => {
    const o = { abortSignal };
    if (db.engine === 'postgres') {
      const pg = clients.postgres(db.subscriptionId).servers;
      const poller =
        action === 'start'
          ? await pg.beginStart(db.resourceGroup, db.name, o)
          : action === 'stop'
            ? await pg.beginStop(db.resourceGroup, db.name, o)
            : await pg.beginRestart(db.resourceGroup, db.name, o);
      return { poller };
    }
    const mysql = clients.mysql(db.subscriptionId).servers;
    const poller =
      action === 'start'
        ? await mysql.beginStart(db.resourceGroup, db.name, o)
        : action === 'stop'
          ? await mysql.beginStop(db.resourceGroup, db.name, o)
          : await mysql.beginRestart(db.resourceGroup, db.name, {}, o);
    return { poller };
  });
}

/**
 * PATCHes a server, waited for: PostgreSQL through its typed client; MySQL through the generic
 * PATCH by id at {@link MYSQL_API_VERSION}, since the MySQL client's api-version predates network
 * updates. Either way it is the same ARM request.
 */
export function patchServer(
  clients: AzureClients,
  request: OperationRequest,
  db: DbTarget,
  patch: { network?: { publicNetworkAccess: 'Enabled' | 'Disabled' }; sku?: { name: string; tier: string } },
): Promise<unknown> {
  return runLro<unknown>(request, db.subscriptionId, 'servers.update', async (abortSignal) => {
    if (db.engine === 'postgres') {
      const poller = await clients.postgres(db.subscriptionId).servers.beginUpdate(
        db.resourceGroup,
        db.name,
        {
          ...(patch.network ? { network: patch.network } : {}),
          ...(patch.sku ? { sku: { name: patch.sku.name, tier: patch.sku.tier as 'Burstable' } } : {}),
        },
        { abortSignal },
      );
      return { poller };
    }
    const poller = await clients.resources(db.subscriptionId).resources.beginUpdateById(
      db.id,
      MYSQL_API_VERSION,
      {
        ...(patch.network ? { properties: { network: patch.network } } : {}),
        ...(patch.sku ? { sku: patch.sku } : {}),
      },
      { abortSignal },
    );
    return { poller };
  });
}
