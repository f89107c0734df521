import type { Resource } from '@escher/protocol';
import type {
  ScanSink,
  ScanSummary,
  ScopeChangeCounts,
  SinkScope,
  SinkSyncSummary,
} from '../scanner/index.ts';
import type { Store } from '../store/index.ts';

/**
 * Puts the scanner's global scopes into the store's per-region scopes.
 *
 * Why: global discovery units (AWS S3 and IAM, every GCP service) list resources that each carry
 * their real region, while the store keys a scope by the resources' own region and refuses a
 * resource whose region differs from its scope's. So a global listing is split by region and each
 * part replaces `(cloud, account, region, service)`. Regions the listing no longer shows must be
 * replaced too (with nothing) so vanished resources are reported removed: those are the regions
 * where the store held live resources of the account when the sync first touched it.
 *
 * Known gap: a global scope is then written as several transactions, not one.
 */
export class RegionalScopeSink implements ScanSink<number> {
  private readonly knownRegions = new Map<string, Set<string>>();

  constructor(private readonly store: Store) {}

  beginSync(): number {
    this.knownRegions.clear();
    return this.store.beginSync();
  }

  replaceScope(scope: SinkScope, resources: Resource[], syncId: number): ScopeChangeCounts {
    if (resources.every((r) => r.region === scope.region))
      return this.store.replaceScope(scope, resources, syncId);
    const byRegion = new Map<string, Resource[]>();
    for (const region of this.regionsOf(scope)) byRegion.set(region, []);
    for (const r of resources) {
      const list = byRegion.get(r.region) ?? [];
      list.push(r);
      byRegion.set(r.region, list);
    }
    const total: Required<ScopeChangeCounts> = { added: 0, changed: 0, removed: 0, resources: 0 };
    for (const [region, part] of byRegion) {
      const result = this.store.replaceScope({ ...scope, region }, part, syncId);
      total.added += result.added;
      total.changed += result.changed;
      total.removed += result.removed;
      total.resources += result.resources;
    }
    return total;
  }

  markScopeFailed(scope: SinkScope, error: unknown, syncId: number): void {
    this.store.markScopeFailed(scope, error, syncId);
  }

  finishSync(syncId: number, summary: SinkSyncSummary & ScanSummary): unknown {
    return this.store.finishSync(syncId, summary);
  }

  private regionsOf(scope: SinkScope): Set<string> {
    const key = `${scope.cloud}/${scope.account}`;
    let regions = this.knownRegions.get(key);
    if (!regions) {
      regions = new Set(
        this.store.listResources({ cloud: scope.cloud, account: scope.account }).map((r) => r.region),
      );
      this.knownRegions.set(key, regions);
    }
    return new Set([scope.region, ...regions]);
  }
}
