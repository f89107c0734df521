import { generateEstate } from '../estate/estate.ts';
import { ManualClock } from '../core/clock.ts';
import { evaluate, materialise } from './resource-graph/evaluate.ts';
import { parseKql } from './resource-graph/kql.ts';
const e = generateEstate({ seed: 1, size: 'large', epoch: Date.UTC(2026, 10, 1) });
const clock = new ManualClock(Date.UTC(2026, 10, 1));
const q = parseKql("Resources | where type in~ ('microsoft.compute/virtualmachines','microsoft.compute/disks','microsoft.network/networksecuritygroups') | project id, name, type, location, resourceGroup, subscriptionId, tags, properties, sku, kind");
const subs = new Set(e.azure.subscriptions.map((s) => s.subscriptionId));
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const r = evaluate(e.azure, clock, q, subs);
  const t1 = performance.now() - t; t = performance.now();
  const page = r.rows.slice(i * 1000, i * 1000 + 1000).map((row) => materialise(row, r.columns));
  const t2 = performance.now() - t; t = performance.now();
  const s = JSON.stringify({ data: page });
  const t3 = performance.now() - t;
  console.log(`eval ${t1.toFixed(0)} mat ${t2.toFixed(0)} json ${t3.toFixed(0)} size ${s.length} types ${[...new Set(page.map((p) => p['type']))]}`);
}
