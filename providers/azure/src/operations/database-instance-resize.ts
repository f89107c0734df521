import { nativeSize, operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { dbTarget, patchServer, readServer } from './db-kit.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';

const ID = 'database.instance.resize' as const;

/** The portable sizes as flexible-server compute sizes (burstable). */
export const AZURE_DB_SIZES = {
  small: 'Standard_B1ms',
  medium: 'Standard_B2s',
  large: 'Standard_B2ms',
  xlarge: 'Standard_B4ms',
};

/**
 * The catalogue's params: `size` portable or a flexible server compute size (Standard_D4ds_v5);
 * `tier` by default the one its family belongs to (B Burstable, E MemoryOptimized, else GeneralPurpose).
 */
const Params = operationParams(ID).transform((p, ctx) => {
  const size = nativeSize(p.size, AZURE_DB_SIZES);
  if (!/^Standard_[A-Za-z0-9_]{1,60}$/.test(size))
    ctx.addIssue({ code: 'custom', path: ['size'], message: 'a compute size such as Standard_D4ds_v5' });
  return { size, tier: p.tier };
});

function tierOf(size: string): 'Burstable' | 'GeneralPurpose' | 'MemoryOptimized' {
  const family = size.replace(/^Standard_/, '')[0]?.toUpperCase();
  return family === 'B' ? 'Burstable' : family === 'E' ? 'MemoryOptimized' : 'GeneralPurpose';
}

/**
 * Changes a flexible server's compute size: PATCH …/flexibleServers/{s} with `sku` {name, tier},
 * waited for. The server restarts to take it (a short outage), and must be Ready. The undo is
 * the resize back to the old size and tier.
 */
export const databaseInstanceResize: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const db = dbTarget(request, ID);
    const before = (await readServer(clients, request, db)).sku;
    const want = { name: params.size, tier: params.tier ?? tierOf(params.size) };
    if (before.name === want.name && before.tier === want.tier) {
      const message = `${db.engine} server ${db.name} is already ${want.name}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(
        `Would resize ${db.engine} server ${db.name} from ${before.name} to ${want.name} (it restarts)`,
      );
    await patchServer(clients, request, db, { sku: want });
    return {
      status: 'succeeded',
      message: `Resized ${db.engine} server ${db.name} from ${before.name} to ${want.name}`,
      undo: { operation: ID, params: { size: before.name, tier: before.tier } },
    };
  },
});
