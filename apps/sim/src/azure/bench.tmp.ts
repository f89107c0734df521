import { Agent } from 'node:https';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ComputeManagementClient } from '@azure/arm-compute';
import { startSimulator } from '../server.ts';
import { azureSdk } from './test-clients.ts';
const t0 = performance.now();
const sim = await startSimulator({ size: 'large', ports: { aws: 0, azure: 0, gcp: 0 }, faults: { rateLimits: { enabled: false } } });
console.log('start', Math.round(performance.now() - t0), 'ms', 'azure resources', sim.estate().azure.byId.size, 'rss', Math.round(process.memoryUsage().rss / 1e6));
const sdk = azureSdk(sim);
const graph = new ResourceGraphClient(sdk.credential, { baseUri: sim.endpoints.azure, agentSettings: { https: new Agent({ ca: sim.endpoints.azureCaCert }), http: new Agent() } });
let t = performance.now(); let n = 0; let skipToken: string | undefined; let pages = 0;
do {
  const p = await graph.resources({ query: "Resources | where type in~ ('microsoft.compute/virtualmachines','microsoft.compute/disks','microsoft.network/networksecuritygroups') | project id, name, type, location, resourceGroup, subscriptionId, tags, properties, sku, kind", options: { top: 1000, skipToken } });
  n += p.count; skipToken = p.skipToken; pages++;
} while (skipToken);
console.log('graph', n, 'rows', pages, 'pages', Math.round(performance.now() - t), 'ms');
t = performance.now(); n = 0;
for (const sub of sdk.subscriptions) { const c = new ComputeManagementClient(sdk.credential, sub, sdk.options); for await (const _ of c.virtualMachines.listAll()) n++; }
console.log('vm listAll', n, Math.round(performance.now() - t), 'ms');
t = performance.now();
const all = await graph.resources({ query: 'Resources | summarize count() by type' });
console.log('summarize', Math.round(performance.now() - t), 'ms', (all.data as unknown[]).length);
await sim.close();
