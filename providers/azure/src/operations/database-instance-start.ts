import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dbTarget, readServer, serverAction } from './db-kit.ts';
import { dryRunOk, predictedRefusal, type OperationFactory } from './operation-kit.ts';

const ID = 'database.instance.start';

/**
 * Starts a stopped PostgreSQL or MySQL flexible server (POST …/flexibleServers/{s}/start), waited
 * for. The service refuses a server that is not Stopped (ServerIsNotStopped); that answer
 * surfaces as is. The undo is `database.instance.stop`.
 */
export const databaseInstanceStart: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const db = dbTarget(request, ID);
    if (request.dryRun) {
      const { state } = await readServer(clients, request, db);
      if (state !== 'Stopped')
        throw predictedRefusal(
          'servers.start',
          'ServerIsNotStopped',
          `server ${db.name} is ${state}`,
          'Only stopped servers start',
        );
      return dryRunOk(`Would start ${db.engine} server ${db.name}`);
    }
    await serverAction(clients, request, db, 'start');
    return {
      status: 'succeeded',
      message: `Started ${db.engine} server ${db.name}`,
      undo: { operation: 'database.instance.stop', params: {} },
    };
  },
});
