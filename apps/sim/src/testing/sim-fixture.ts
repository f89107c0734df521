import { ManualClock } from '../core/clock.ts';
import type { FaultConfigInput } from '../core/faults.ts';
import { startSimulator, type RunningSimulator } from '../server.ts';

/** A fixed epoch for tests: 2026-11-01T00:00:00Z. */
export const TEST_EPOCH = Date.UTC(2026, 10, 1);

export interface TestSimOptions {
  seed?: number;
  size?: string;
  faults?: FaultConfigInput;
  transitionMs?: number;
  /** Use a manual clock that only moves when the test advances it (default: wall clock + offset). */
  manualClock?: boolean;
}

/**
 * Starts a simulator on free ports for a test: seed 42, small estate, fixed epoch, rate limits off
 * (tests that exercise throttling turn them on). Close it in `after()`.
 *
 * @example
 * let sim: RunningSimulator;
 * before(async () => { sim = await startTestSimulator(); });
 * after(() => sim.close());
 */
export async function startTestSimulator(options: TestSimOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    seed: options.seed ?? 42,
    size: options.size ?? 'small',
    epoch: TEST_EPOCH,
    ports: { aws: 0, azure: 0, gcp: 0 },
    faults: { rateLimits: { enabled: false }, ...options.faults },
    transitionMs: options.transitionMs ?? 5_000,
    ...(options.manualClock ? { clock: new ManualClock(TEST_EPOCH + 12 * 3_600_000) } : {}),
  });
}

/** Static credentials for the AWS SDK (the simulator does not verify signatures). */
export const TEST_AWS_CREDENTIALS = {
  accessKeyId: 'AKIAEXAMPLEESCHERSIM',
  secretAccessKey: 'escher-sim-secret',
};
