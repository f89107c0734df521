import type { CheckId, Cloud, ResourceType, SimManifest } from '@escher/protocol';
import { MISCONFIG_RATES } from './misconfig-rates.ts';

type Anomaly = SimManifest['costAnomalies'][number];

/** Collects what the generators produce into the manifest (`GET /_sim/manifest`). */
export class ManifestBuilder {
  private readonly counts: SimManifest['counts'] = { aws: {}, azure: {}, gcp: {} };
  private readonly misconfigs = new Map<CheckId, string[]>();
  private readonly anomalies: Anomaly[] = [];
  private readonly accounts: SimManifest['accounts'] = { aws: [], azure: [], gcp: [] };
  private readonly regions: SimManifest['regions'] = { aws: [], azure: [], gcp: [] };
  private total = 0;

  account(cloud: Cloud, id: string, name: string): void {
    this.accounts[cloud]!.push({ id, name });
    this.counts[cloud]![id] ??= {};
  }

  region(cloud: Cloud, region: string): void {
    const list = this.regions[cloud]!;
    if (!list.includes(region)) list.push(region);
  }

  /** Counts one generated resource (call once per resource, when it is created). */
  resource(cloud: Cloud, account: string, type: ResourceType): void {
    const byType = (this.counts[cloud]![account] ??= {});
    byType[type] = (byType[type] ?? 0) + 1;
    this.total++;
  }

  /** Records that `nativeId` was generated with the misconfiguration `checkId`. */
  misconfig(checkId: CheckId, nativeId: string): void {
    let list = this.misconfigs.get(checkId);
    if (!list) this.misconfigs.set(checkId, (list = []));
    list.push(nativeId);
  }

  anomaly(anomaly: Anomaly): void {
    this.anomalies.push(anomaly);
    this.misconfig('cost.anomaly', `${anomaly.cloud}:${anomaly.account}:${anomaly.service}:${anomaly.date}`);
  }

  build(meta: { seed: number; size: string; epoch: string; generatedInMs: number }): SimManifest {
    const misconfigurations: SimManifest['misconfigurations'] = {};
    for (const [id, resources] of [...this.misconfigs].sort(([a], [b]) => a.localeCompare(b))) {
      const rate = id === 'cost.anomaly' ? 0 : MISCONFIG_RATES[id];
      misconfigurations[id] = { rate, count: resources.length, resources };
    }
    return {
      ...meta,
      totalResources: this.total,
      accounts: this.accounts,
      regions: this.regions,
      counts: this.counts,
      misconfigurations,
      costAnomalies: this.anomalies,
    };
  }
}
