import { setTimeout as delay } from 'node:timers/promises';
import { OperationalError } from '@escher/protocol';

/** How long one operation may take before Escher stops waiting (the cloud carries on). */
export const OPERATION_TIMEOUT_MS = 30 * 60_000;

/**
 * Polls `check` until it reports done. Google's own `wait` methods block up to two minutes on
 * the server, so against Google this mostly makes one call per two minutes; against anything
 * that answers at once (other APIs' `get`, the simulator) it backs off from 250 ms to 5 s. The
 * signal (the step's timeout or a cancel) ends the wait at once.
 */
export async function pollUntilDone<T>(
  check: () => Promise<{ done: boolean; value: T }>,
  what: string,
  signal: AbortSignal | undefined,
  timeoutMs = OPERATION_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let pause = 250;
  for (;;) {
    signal?.throwIfAborted();
    const { done, value } = await check();
    if (done) return value;
    if (Date.now() >= deadline)
      throw new OperationalError(
        'gcp-operation-timeout',
        `${what} did not finish in ${timeoutMs / 60_000} min.`,
        {
          hint: 'The change may still complete in Google Cloud: check the resource, then retry or roll back',
          retryable: false,
        },
      );
    await delay(pause, undefined, signal ? { signal } : {});
    pause = Math.min(pause * 2, 5_000);
  }
}
