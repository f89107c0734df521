import type { Cloud } from '@escher/protocol';
import type { LimiterClock } from './rate-limiter.ts';
import type { ScanEvent } from './scan-events.ts';

/** Where one account's scan stands. */
export interface AccountProgress {
  cloud: Cloud;
  account: string;
  /** False until the account's regions are known (scopesTotal is then final). */
  planned: boolean;
  scopesTotal: number;
  scopesDone: number;
  scopesFailed: number;
  resources: number;
  calls: number;
  /** API calls per second over the last few seconds. */
  callsPerSecond: number;
  throttled: number;
  errors: number;
}

/**
 * Folds scan events into per cloud/account progress (scopes done of total, resources found,
 * call rate, errors) for renderers. Pure bookkeeping: it draws nothing.
 */
export class ScanProgress {
  private readonly byAccount = new Map<string, AccountProgress>();
  private readonly callTimes = new Map<string, number[]>();
  /** Resources seen so far in scopes still running, so a failed scope's pages can be taken back. */
  private readonly pending = new Map<string, number>();
  /** Errors not tied to one account (listing a cloud's accounts failed). */
  readonly cloudErrors: { cloud: Cloud; message: string }[] = [];

  constructor(
    private readonly clock: LimiterClock = { now: () => Date.now() },
    private readonly windowMs = 5000,
  ) {}

  apply(event: ScanEvent): void {
    switch (event.kind) {
      case 'account-planned': {
        const a = this.account(event.cloud, event.account);
        if (event.regions !== undefined) a.planned = true;
        a.scopesTotal += event.scopes;
        break;
      }
      case 'scope-page': {
        this.account(event.scope.cloud, event.scope.account).resources += event.resources;
        const k = scopeKey(event.scope);
        this.pending.set(k, (this.pending.get(k) ?? 0) + event.resources);
        break;
      }
      case 'scope-done':
        this.account(event.scope.cloud, event.scope.account).scopesDone++;
        this.pending.delete(scopeKey(event.scope));
        break;
      case 'scope-failed': {
        const a = this.account(event.scope.cloud, event.scope.account);
        // A failed scope's pages are not written, so they are not "found" either.
        a.resources -= this.pending.get(scopeKey(event.scope)) ?? 0;
        this.pending.delete(scopeKey(event.scope));
        a.scopesDone++;
        a.scopesFailed++;
        a.errors++;
        break;
      }
      case 'listing-failed':
        if (event.error.account) this.account(event.error.cloud, event.error.account).errors++;
        else this.cloudErrors.push({ cloud: event.error.cloud, message: event.error.message });
        break;
      case 'api-call': {
        const a = this.account(event.cloud, event.account);
        a.calls++;
        if (event.outcome === 'throttled') a.throttled++;
        const times = this.callTimes.get(key(event.cloud, event.account)) ?? [];
        times.push(event.at);
        this.callTimes.set(key(event.cloud, event.account), times);
        break;
      }
      case 'scan-started':
      case 'scope-started':
      case 'scan-finished':
        break;
    }
  }

  /** Every account seen so far, in the order first seen, with a fresh call rate. */
  accounts(): AccountProgress[] {
    const now = this.clock.now();
    for (const [k, a] of this.byAccount) {
      const times = this.callTimes.get(k) ?? [];
      const from = now - this.windowMs;
      let drop = 0;
      while (drop < times.length && times[drop]! < from) drop++;
      if (drop) times.splice(0, drop);
      a.callsPerSecond = times.length / (this.windowMs / 1000);
    }
    return [...this.byAccount.values()].map((a) => ({ ...a }));
  }

  private account(cloud: Cloud, account: string): AccountProgress {
    const k = key(cloud, account);
    let a = this.byAccount.get(k);
    if (!a) {
      a = {
        cloud,
        account,
        planned: false,
        scopesTotal: 0,
        scopesDone: 0,
        scopesFailed: 0,
        resources: 0,
        calls: 0,
        callsPerSecond: 0,
        throttled: 0,
        errors: 0,
      };
      this.byAccount.set(k, a);
    }
    return a;
  }
}

function scopeKey(scope: { cloud: Cloud; account: string; region: string; service: string }): string {
  return [scope.cloud, scope.account, scope.region, scope.service].join('\u0000');
}

function key(cloud: Cloud, account: string): string {
  return `${cloud}\u0000${account}`;
}
