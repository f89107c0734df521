import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { MonitorClient } from '@azure/arm-monitor';
import { CostManagementClient } from '@azure/arm-costmanagement';
import { startTestSimulator, TEST_EPOCH } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk } from '../testing/azure-sdk.ts';

describe('azure resource graph, monitor metrics and cost management', () => {
  let sim: RunningSimulator;
  let sdk: ReturnType<typeof azureSdk>;
  let graph: ResourceGraphClient;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium', manualClock: true });
    sdk = azureSdk(sim);
    // arm-resourcegraph 4.2 is an ms-rest-js client: it takes baseUri and a Node https agent.
    graph = new ResourceGraphClient(sdk.credential, {
      baseUri: sim.endpoints.azure,
      agentSettings: { https: new Agent({ ca: sim.endpoints.azureCaCert }), http: new Agent() },
    });
  });
  after(() => sim.close());

  it('answers a KQL type filter with projection, paging through $skipToken', async () => {
    const types = ['microsoft.compute/virtualmachines', 'microsoft.compute/disks'];
    const query = `Resources | where type in~ ('Microsoft.Compute/virtualMachines','Microsoft.Compute/disks') | project id, name, type, location, resourceGroup, subscriptionId, tags, properties, sku, kind`;
    const seen: Record<string, unknown>[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const page = await graph.resources({
        subscriptions: sdk.subscriptions,
        query,
        options: { top: 100, skipToken, resultFormat: 'objectArray' },
      });
      seen.push(...(page.data as Record<string, unknown>[]));
      skipToken = page.skipToken;
      pages++;
      assert.equal(page.resultTruncated, 'false');
      assert.ok(page.totalRecords >= seen.length);
    } while (skipToken);
    const counts = sim.estate().manifest.counts.azure!;
    const expected = Object.values(counts).reduce(
      (n, byType) => n + (byType['compute.instance'] ?? 0) + (byType['compute.volume'] ?? 0),
      0,
    );
    assert.equal(seen.length, expected);
    assert.ok(pages > 1);
    assert.equal(new Set(seen.map((r) => r['id'])).size, seen.length, 'no duplicates across pages');
    assert.ok(seen.every((r) => types.includes(String(r['type']))));
    const vm = seen.find((r) => r['type'] === types[0])!;
    assert.deepEqual(Object.keys(vm), [
      'id',
      'name',
      'type',
      'location',
      'resourceGroup',
      'subscriptionId',
      'tags',
      'properties',
      'sku',
      'kind',
    ]);
    const props = vm['properties'] as {
      hardwareProfile: { vmSize: string };
      extended: { instanceView: { powerState: { code: string } } };
    };
    assert.match(props.hardwareProfile.vmSize, /^Standard_/);
    assert.match(props.extended.instanceView.powerState.code, /^PowerState\//);
  });

  it('supports =~, and, order by, limit, summarize count() and the table format', async () => {
    const location = sim.estate().azure.regions[0]!;
    const page = await graph.resources({
      query: `Resources | where type =~ 'microsoft.network/networksecuritygroups' and location == '${location}' | order by name asc | project name, location | limit 5`,
    });
    const rows = page.data as { name: string; location: string }[];
    assert.ok(rows.length > 0 && rows.length <= 5);
    assert.ok(rows.every((r) => r.location === location));
    assert.deepEqual(
      rows.map((r) => r.name),
      [...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)),
    );
    const summary = await graph.resources({
      query: 'Resources | summarize count() by type',
      options: { resultFormat: 'table' },
    });
    const table = summary.data as { columns: { name: string }[]; rows: [string, number][] };
    assert.deepEqual(
      table.columns.map((c) => c.name),
      ['type', 'count_'],
    );
    const vms = table.rows.find(([type]) => type === 'microsoft.compute/virtualmachines')![1];
    const counts = sim.estate().manifest.counts.azure!;
    assert.equal(
      vms,
      Object.values(counts).reduce((n, byType) => n + (byType['compute.instance'] ?? 0), 0),
    );
  });

  it('counts every resource type per subscription exactly as the manifest does', async () => {
    const byType: Record<string, string> = {
      'microsoft.compute/virtualmachines': 'compute.instance',
      'microsoft.compute/disks': 'compute.volume',
      'microsoft.compute/snapshots': 'compute.snapshot',
      'microsoft.network/networksecuritygroups': 'network.firewall',
      'microsoft.network/publicipaddresses': 'network.ip',
      'microsoft.network/virtualnetworks': 'network.vpc',
      'microsoft.network/loadbalancers': 'network.loadbalancer',
      'microsoft.storage/storageaccounts': 'storage.bucket',
      'microsoft.dbforpostgresql/flexibleservers': 'database.instance',
      'microsoft.dbformysql/flexibleservers': 'database.instance',
      'microsoft.containerservice/managedclusters': 'container.cluster',
      'microsoft.keyvault/vaults': 'security.key',
      'microsoft.managedidentity/userassignedidentities': 'iam.role',
    };
    const counted: Record<string, Record<string, number>> = {};
    const add = (sub: string, type: string, n: number): void => {
      counted[sub] ??= {};
      counted[sub]![type] = (counted[sub]![type] ?? 0) + n;
    };
    const all = await graph.resources({ query: 'Resources | summarize count() by subscriptionId, type' });
    for (const row of all.data as { subscriptionId: string; type: string; count_: number }[]) {
      if (byType[row.type]) add(row.subscriptionId, byType[row.type]!, row.count_);
    }
    const functions = await graph.resources({
      query:
        "Resources | where type =~ 'Microsoft.Web/sites' and kind contains 'functionapp' | summarize count() by subscriptionId",
    });
    for (const row of functions.data as { subscriptionId: string; count_: number }[])
      add(row.subscriptionId, 'serverless.function', row.count_);
    const vnets = await graph.resources({
      query:
        "Resources | where type =~ 'microsoft.network/virtualnetworks' | project subscriptionId, properties",
      options: { top: 1000 },
    });
    for (const row of vnets.data as { subscriptionId: string; properties: { subnets: unknown[] } }[])
      add(row.subscriptionId, 'network.subnet', row.properties.subnets.length);
    assert.deepEqual(counted, sim.estate().manifest.counts.azure);
  });

  it('rejects a malformed query with BadRequest / InvalidQuery', async () => {
    await assert.rejects(
      graph.resources({ query: 'Resources | where type in~ (' }),
      (e: { code?: string; body?: unknown; statusCode?: number }) => {
        assert.equal(e.statusCode, 400);
        assert.equal(e.code, 'BadRequest');
        assert.match(JSON.stringify(e.body), /InvalidQuery/);
        return true;
      },
    );
  });

  it('serves Percentage CPU for a VM; idle VMs average under 5 %', async () => {
    const idle = sim
      .estate()
      .manifest.misconfigurations['compute.instance.idle']!.resources.find((id) =>
        id.startsWith('/subscriptions/'),
      )!;
    const sub = idle.split('/')[2]!;
    const monitor = new MonitorClient(sdk.credential, sub, sdk.options);
    const end = new Date(TEST_EPOCH);
    const start = new Date(TEST_EPOCH - 7 * 86_400_000);
    const result = await monitor.metrics.list(idle, {
      metricnames: 'Percentage CPU',
      timespan: `${start.toISOString()}/${end.toISOString()}`,
      interval: 'PT1H',
      aggregation: 'Average,Maximum',
    });
    const metric = result.value[0]!;
    assert.equal(metric.name.value, 'Percentage CPU');
    assert.equal(metric.unit, 'Percent');
    const points = metric.timeseries![0]!.data!;
    assert.equal(points.length, 7 * 24);
    const mean = points.reduce((s, p) => s + (p.average ?? 0), 0) / points.length;
    assert.ok(mean < 5, `idle mean ${mean}`);
    assert.ok(points.every((p) => (p.maximum ?? 0) >= (p.average ?? 0)));
    await assert.rejects(
      monitor.metrics.list(idle, { metricnames: 'Imaginary Metric' }),
      (e: { code?: string }) => e.code === 'BadRequest',
    );
  });

  it('answers a Cost Management query, daily, grouped by service and by resource group', async () => {
    const sub = sdk.subscriptions[0]!;
    const cost = new CostManagementClient(sdk.credential, sdk.options);
    const from = new Date(TEST_EPOCH - 29 * 86_400_000);
    const to = new Date(TEST_EPOCH);
    const byService = await cost.query.usage(`subscriptions/${sub}`, {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: { from, to },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        grouping: [{ type: 'Dimension', name: 'ServiceName' }],
      },
    });
    assert.deepEqual(
      byService.columns?.map((c) => c.name),
      ['Cost', 'UsageDate', 'ServiceName', 'Currency'],
    );
    const rows = byService.rows as [number, number, string, string][];
    assert.equal(new Set(rows.map((r) => r[1])).size, 30);
    assert.ok(rows.some((r) => r[2] === 'Virtual Machines'));
    const expected = sim
      .estate()
      .azure.cost.filter((c) => c.account === sub && c.date >= from.toISOString().slice(0, 10))
      .reduce((s, c) => s + c.usd, 0);
    const total = rows.reduce((s, r) => s + r[0], 0);
    assert.ok(Math.abs(total - expected) < 0.01, `${total} vs ${expected}`);

    const byGroup = await cost.query.usage(`subscriptions/${sub}`, {
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: { from, to },
      dataset: {
        granularity: 'Daily',
        aggregation: { totalCost: { name: 'PreTaxCost', function: 'Sum' } },
        grouping: [{ type: 'Dimension', name: 'ResourceGroupName' }],
      },
    });
    assert.deepEqual(
      byGroup.columns?.map((c) => c.name),
      ['PreTaxCost', 'UsageDate', 'ResourceGroupName', 'Currency'],
    );
    const groupTotal = (byGroup.rows as [number][]).reduce((s, r) => s + r[0], 0);
    assert.ok(Math.abs(groupTotal - expected) < 0.05);
  });
});
