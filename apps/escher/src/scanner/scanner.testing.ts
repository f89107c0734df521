import type { Resource } from '@escher/protocol';
import type { ScanSink, ScanSummary, ScopeChangeCounts, SinkScope } from './scan-sink.ts';

/**
 * A test double of the encrypted store (still being built when the scanner was written): it
 * records every call and keeps resources per scope, replacing a scope's set wholesale and
 * counting added / changed / removed the way the store does, so scanner tests can assert what
 * a user would see after a sync.
 */
export class RecordingSink implements ScanSink<number> {
  readonly scopes = new Map<string, Map<string, Resource>>();
  readonly replaced: { scope: SinkScope; resources: Resource[]; syncId: number }[] = [];
  readonly failed: { scope: SinkScope; error: unknown; syncId: number }[] = [];
  readonly finished: { syncId: number; summary: ScanSummary }[] = [];
  private syncs = 0;

  beginSync(): number {
    return ++this.syncs;
  }

  replaceScope(scope: SinkScope, resources: Resource[], syncId: number): ScopeChangeCounts {
    this.replaced.push({ scope, resources, syncId });
    const key = scopeKey(scope);
    const before = this.scopes.get(key) ?? new Map<string, Resource>();
    const after = new Map(resources.map((r) => [r.id, r]));
    let added = 0;
    let changed = 0;
    for (const [id, r] of after) {
      const old = before.get(id);
      if (!old) added++;
      else if (JSON.stringify(old) !== JSON.stringify(r)) changed++;
    }
    const removed = [...before.keys()].filter((id) => !after.has(id)).length;
    this.scopes.set(key, after);
    return { added, changed, removed, resources: after.size };
  }

  markScopeFailed(scope: SinkScope, error: unknown, syncId: number): void {
    this.failed.push({ scope, error, syncId });
  }

  finishSync(syncId: number, summary: ScanSummary): void {
    this.finished.push({ syncId, summary });
  }

  /** Every resource the sink holds now, across scopes. */
  all(): Resource[] {
    return [...this.scopes.values()].flatMap((m) => [...m.values()]);
  }
}

export function scopeKey(scope: SinkScope): string {
  return `${scope.cloud}/${scope.account}/${scope.region}/${scope.service}`;
}
