import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { dbTarget, patchServer, readServer } from './db-kit.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';

const ID = 'database.instance.restrict' as const;

/** The catalogue's params, with Azure's shape of what it narrows. */
const Params = operationParams(ID).extend({
  /** Set by the undo: the public network access to put back. */
  restore: z.object({ publicNetworkAccess: z.enum(['Enabled', 'Disabled']) }).optional(),
});

/**
 * Takes a PostgreSQL or MySQL flexible server off the Internet: PATCH …/flexibleServers/{s} with
 * `network.publicNetworkAccess` Disabled, waited for. Afterwards only private endpoints reach it;
 * its firewall rules stay but no longer apply. The server must be Ready (ServerIsNotReady
 * otherwise). The undo is the same operation with `restore` (Enabled).
 */
export const databaseInstanceRestrict: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { restore } = parseParams(Params, request, ID);
    const db = dbTarget(request, ID);
    const before = (await readServer(clients, request, db)).publicNetworkAccess;
    const want = restore?.publicNetworkAccess ?? 'Disabled';
    if (before === want) {
      const message = `${db.engine} server ${db.name} already has public network access ${want}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(`Would set public network access ${want} on ${db.engine} server ${db.name}`);
    await patchServer(clients, request, db, { network: { publicNetworkAccess: want } });
    return {
      status: 'succeeded',
      message: `Set public network access ${want} on ${db.engine} server ${db.name} (was ${before})`,
      ...(before === 'Enabled' || before === 'Disabled'
        ? { undo: { operation: ID, params: { restore: { publicNetworkAccess: before } } } }
        : {}),
    };
  },
});
