import { OPEN_GATE, type CallContext, type CallGate } from '@escher/provider-api';
import type { GcpClients } from './clients.ts';
import { readGoogleFailure, toGcpError } from './errors.ts';

/** What one discovery or metrics call needs: the clients, the caller's gate, the project. */
export interface GcpContext {
  clients: GcpClients;
  gate: CallGate;
  /** Project id. */
  project: string;
  signal?: AbortSignal | undefined;
}

/**
 * Makes one Google API call through the scanner's gate and turns SDK errors into EscherErrors
 * inside it, so the gate sees `gcp-throttled` and can back off. The gate context names the
 * project and API with region `global`: Google's quotas are per project and API whatever the
 * region, so that is the bucket to pace.
 */
export function callGoogle<T>(
  ctx: GcpContext,
  call: Pick<CallContext, 'service' | 'operation'>,
  run: () => Promise<T>,
): Promise<T> {
  ctx.signal?.throwIfAborted();
  const context: CallContext = { account: ctx.project, region: 'global', ...call };
  return (ctx.gate ?? OPEN_GATE).run(context, async () => {
    try {
      return await run().catch((error: unknown) => {
        // A pooled keep-alive socket the server closed while this process was busy (loading an
        // SDK blocks the event loop for seconds) fails at once with ECONNRESET; every call here
        // is a read, so one immediate retry on a fresh socket is safe.
        if (readGoogleFailure(error).network === 'ECONNRESET') return run();
        throw error;
      });
    } catch (error) {
      throw toGcpError(error, context);
    }
  });
}
