import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dbTarget, readServer, serverAction } from './db-kit.ts';
import { dryRunOk, predictedRefusal, type OperationFactory } from './operation-kit.ts';

const ID = 'database.instance.restart';

/**
 * Restarts a running PostgreSQL or MySQL flexible server (POST …/flexibleServers/{s}/restart),
 * waited for. Connections drop for the restart. The service refuses a server that is not Ready
 * (ServerIsNotReady). No undo.
 */
export const databaseInstanceRestart: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: operationParams(ID),
  async run(request): Promise<OperationOutcome> {
    const db = dbTarget(request, ID);
    if (request.dryRun) {
      const { state } = await readServer(clients, request, db);
      if (state !== 'Ready')
        throw predictedRefusal(
          'servers.restart',
          'ServerIsNotReady',
          `server ${db.name} is ${state}`,
          'Start the server instead',
        );
      return dryRunOk(`Would restart ${db.engine} server ${db.name}`);
    }
    await serverAction(clients, request, db, 'restart');
    return { status: 'succeeded', message: `Restarted ${db.engine} server ${db.name}` };
  },
});
