import type { Cloud } from '@escher/protocol';
import type { CallInfo } from './call.ts';
import type { SimClock } from './clock.ts';
import type { FaultInjector } from './faults.ts';
import type { SimRequest, SimResponse } from './http.ts';
import type { Estate } from '../estate/estate.ts';

/** What every frontend can reach: the estate (replaceable at run time), the clock, the faults. */
export interface SimContext {
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  /** The current estate; read it per request, it changes on `POST /_sim/reset`. */
  estate(): Estate;
  /** Behaviour settings (changeable at run time with `POST /_sim/timing`). */
  readonly timing: SimTiming;
}

/**
 * How long simulated state changes take, in simulated ms: `stop` leaves an instance `stopping`
 * for `transitionMs`, an Azure long-running operation stays `InProgress` for it, a GCP operation
 * stays RUNNING. Tests advance the clock past it; 0 makes changes immediate.
 */
export interface SimTiming {
  transitionMs: number;
}

export type InjectedFault =
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'error' }
  | { kind: 'outage' }
  /** An unhandled exception in a handler: answer as the cloud would a 500. */
  | { kind: 'internal'; message: string };

/**
 * One cloud's protocol frontend. The core pipeline reads the request, asks the frontend what the
 * call is, logs it, applies faults, then lets the frontend handle it.
 */
export interface CloudFrontend {
  readonly cloud: Cloud;
  /**
   * Identifies the call, or answers directly (an unroutable request gets the cloud's own error;
   * token and discovery endpoints may answer here without being logged as API calls).
   */
  identify(req: SimRequest): CallInfo | SimResponse;
  handle(req: SimRequest, call: CallInfo): SimResponse | Promise<SimResponse>;
  /** Renders an injected fault in the cloud's own error shape. */
  fault(fault: InjectedFault, call: CallInfo, req: SimRequest): SimResponse;
  /** Optional headers on served calls (e.g. ARM's `x-ms-ratelimit-remaining-subscription-reads`). */
  decorate?(response: SimResponse, call: CallInfo, remaining: number | undefined): SimResponse;
}

export function isCallInfo(value: CallInfo | SimResponse): value is CallInfo {
  return 'operation' in value && 'cloud' in value;
}
