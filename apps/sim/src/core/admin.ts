import { z } from 'zod';
import type { CallLog } from './call-log.ts';
import type { SimClock } from './clock.ts';
import { FaultConfigSchema, type FaultInjector } from './faults.ts';
import { json, type SimRequest, type SimResponse } from './http.ts';
import { computeLowerBound } from './lower-bound.ts';
import type { Estate } from '../estate/estate.ts';
import type { SimTiming } from './frontend.ts';

export interface AdminDeps {
  clock: SimClock;
  faults: FaultInjector;
  log: CallLog;
  estate(): Estate;
  reset(options: {
    seed?: number | undefined;
    size?: string | undefined;
    epoch?: number | undefined;
  }): Estate;
  endpoints(): unknown;
  timing: SimTiming;
}

const ClockBody = z.object({
  advanceMs: z
    .number()
    .min(0)
    .max(10 * 365 * 86_400_000),
});
const TimingBody = z.object({ transitionMs: z.number().int().min(0).max(3_600_000) });
const ResetBody = z.object({
  seed: z.number().int().optional(),
  size: z.string().optional(),
  epoch: z.union([z.number(), z.string()]).optional(),
});

/**
 * The simulator's own endpoints, served on every port under `/_sim/`: manifest, call log with the
 * lower bound, faults, clock, reset, endpoints.
 */
export function createAdmin(deps: AdminDeps): (req: SimRequest) => Promise<SimResponse | undefined> {
  return async (req) => {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'GET /_sim/health':
          return json(200, { ok: true, now: new Date(deps.clock.now()).toISOString() });
        case 'GET /_sim/endpoints':
          return json(200, deps.endpoints());
        case 'GET /_sim/manifest':
          return json(200, deps.estate().manifest);
        case 'GET /_sim/calls': {
          const since = Number(req.query.get('since') ?? 0) || 0;
          const cloud = req.query.get('cloud');
          const calls = deps.log.list(since).filter((c) => !cloud || c.cloud === cloud);
          const byOperation: Record<string, number> = {};
          let throttled = 0;
          let errors = 0;
          for (const c of calls) {
            const key = `${c.cloud}:${c.service}:${c.operation}`;
            byOperation[key] = (byOperation[key] ?? 0) + 1;
            if (c.fault === 'throttle') throttled++;
            else if (c.status >= 400) errors++;
          }
          const bound = computeLowerBound(
            calls,
            (c) => deps.faults.bucketFor(c),
            deps.faults.current.latencyMs,
          );
          const first = calls[0]?.at;
          const last = calls.at(-1);
          return json(200, {
            lastSeq: deps.log.lastSeq,
            summary: {
              total: calls.length,
              throttled,
              errors,
              byOperation,
              spanMs: first !== undefined && last ? last.at + last.durationMs - first : 0,
              ...bound,
            },
            calls: req.query.get('summary') === '1' ? [] : calls,
          });
        }
        case 'DELETE /_sim/calls':
          deps.log.clear();
          return json(200, { cleared: true });
        case 'GET /_sim/faults':
          return json(200, deps.faults.current);
        case 'POST /_sim/faults':
        case 'PUT /_sim/faults': {
          const parsed = FaultConfigSchema.safeParse(parseBody(req));
          if (!parsed.success)
            return json(400, { error: { code: 'invalid-faults', message: parsed.error.message } });
          return json(200, deps.faults.set(parsed.data));
        }
        case 'GET /_sim/clock':
          return json(200, { now: new Date(deps.clock.now()).toISOString() });
        case 'POST /_sim/clock': {
          const parsed = ClockBody.safeParse(parseBody(req));
          if (!parsed.success)
            return json(400, { error: { code: 'invalid-clock', message: parsed.error.message } });
          deps.clock.advance(parsed.data.advanceMs);
          return json(200, { now: new Date(deps.clock.now()).toISOString() });
        }
        case 'GET /_sim/timing':
          return json(200, deps.timing);
        case 'POST /_sim/timing': {
          const parsed = TimingBody.safeParse(parseBody(req));
          if (!parsed.success)
            return json(400, { error: { code: 'invalid-timing', message: parsed.error.message } });
          deps.timing.transitionMs = parsed.data.transitionMs;
          return json(200, deps.timing);
        }
        case 'POST /_sim/reset': {
          const parsed = ResetBody.safeParse(parseBody(req));
          if (!parsed.success)
            return json(400, { error: { code: 'invalid-reset', message: parsed.error.message } });
          const epoch = parsed.data.epoch === undefined ? undefined : new Date(parsed.data.epoch).getTime();
          const estate = deps.reset({ seed: parsed.data.seed, size: parsed.data.size, epoch });
          return json(200, estate.manifest);
        }
        default:
          return undefined;
      }
    } catch (error) {
      return json(400, {
        error: { code: 'bad-request', message: error instanceof Error ? error.message : String(error) },
      });
    }
  };
}

function parseBody(req: SimRequest): unknown {
  const text = req.body.toString('utf8').trim();
  return text ? JSON.parse(text) : {};
}
