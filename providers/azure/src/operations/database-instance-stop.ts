import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dbTarget, readServer, serverAction } from './db-kit.ts';
import { dryRunOk, predictedRefusal, type OperationFactory } from './operation-kit.ts';

const ID = 'database.instance.stop';

/**
 * Stops a running PostgreSQL or MySQL flexible server (POST …/flexibleServers/{s}/stop), waited
 * for. Compute billing stops (storage continues); Azure starts a stopped server again by itself
 * after 7 days. The service refuses a server that is not Ready (ServerIsNotReady); that answer
 * surfaces as is. The undo is `database.instance.start`.
 */
export const databaseInstanceStop: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const db = dbTarget(request, ID);
    if (request.dryRun) {
      const { state } = await readServer(clients, request, db);
      if (state !== 'Ready')
        throw predictedRefusal(
          'servers.stop',
          'ServerIsNotReady',
          `server ${db.name} is ${state}`,
          'Only ready (started) servers stop',
        );
      return dryRunOk(`Would stop ${db.engine} server ${db.name} (Azure restarts it after 7 days)`);
    }
    await serverAction(clients, request, db, 'stop');
    return {
      status: 'succeeded',
      message: `Stopped ${db.engine} server ${db.name} (Azure starts it again after 7 days)`,
      undo: { operation: 'database.instance.start', params: {} },
    };
  },
});
