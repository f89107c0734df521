import { generateEstate } from '../estate/estate.ts';
import { ManualClock } from '../core/clock.ts';
import { FaultInjector } from '../core/faults.ts';
import { createAzureFrontend } from './frontend.ts';
const e = generateEstate({ seed: 1, size: 'large', epoch: Date.UTC(2026, 10, 1) });
const ctx = { clock: new ManualClock(Date.UTC(2026, 10, 1)), faults: new FaultInjector({ rateLimits: { enabled: false } }), estate: () => e, timing: { transitionMs: 0 } };
const fe = createAzureFrontend(ctx as never, { baseUrl: 'https://127.0.0.1:1' });
const body = Buffer.from(JSON.stringify({ query: "Resources | where type in~ ('microsoft.compute/virtualmachines','microsoft.compute/disks','microsoft.network/networksecuritygroups') | project id, name, type, location, resourceGroup, subscriptionId, tags, properties, sku, kind", options: { $top: 1000 } }));
for (let i = 0; i < 5; i++) {
  const req = { method: 'POST', path: '/providers/Microsoft.ResourceGraph/resources', query: new URLSearchParams('api-version=2021-03-01'), headers: { authorization: 'Bearer x' }, body };
  const t = performance.now();
  const call = fe.identify(req as never);
  const res = await fe.handle(req as never, call as never);
  console.log('graph page', Math.round(performance.now() - t), 'ms', String(res.body).length);
}
const sub = e.azure.subscriptions[0]!.subscriptionId;
for (let i = 0; i < 3; i++) {
  const req = { method: 'GET', path: `/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines`, query: new URLSearchParams('api-version=2024-07-01'), headers: { authorization: 'Bearer x' }, body: Buffer.alloc(0) };
  const t = performance.now();
  const call = fe.identify(req as never);
  const res = await fe.handle(req as never, call as never);
  console.log('vm page', Math.round(performance.now() - t), 'ms', String(res.body).length);
}
