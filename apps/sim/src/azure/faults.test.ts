import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { Rng } from '../core/rng.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = { authorization: 'Bearer fuzz' },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.endpoints.azure}${path}`,
      { method, ca: sim.endpoints.azureCaCert, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('azure faults, paging and hostile input', () => {
  let sim: RunningSimulator;
  let sdk: ReturnType<typeof azureSdk>;
  let subscription: string;

  before(async () => {
    sim = await startTestSimulator({ transitionMs: 0 });
    sdk = azureSdk(sim);
    subscription = sdk.subscriptions[0]!;
  });
  afterEach(() => {
    sim.faults.set({ rateLimits: { enabled: false } });
  });
  after(() => sim.close());

  it("throttles with 429 + Retry-After, and the SDK's own retry gets through", async () => {
    const resources = new ResourceManagementClient(sdk.credential, subscription, sdk.options);
    const groups: string[] = [];
    for await (const g of resources.resourceGroups.list()) groups.push(g.name!);
    // 20 reads of burst, two more per second.
    sim.faults.set({ rateLimits: { enabled: true, scale: 0.08 } });
    const since = sim.log.lastSeq;
    const names = Array.from({ length: 24 }, (_, i) => groups[i % groups.length]!);
    const got = await Promise.all(names.map((name) => resources.resourceGroups.get(name)));
    assert.deepEqual(
      got.map((g) => g.name),
      names,
    );
    const calls = sim.log.list(since).filter((c) => c.operation === 'resourceGroups.get');
    const throttled = calls.filter((c) => c.fault === 'throttle');
    assert.ok(throttled.length > 0, 'some calls were throttled');
    assert.ok(throttled.every((c) => c.status === 429));
    assert.equal(calls.filter((c) => c.status === 200).length, 24);
    const last = calls.findLastIndex((c) => c.fault === 'throttle');
    assert.ok(
      calls.slice(last + 1).some((c) => c.status === 200),
      'success after the throttle',
    );

    const exhausted = await raw(
      sim,
      'GET',
      `/subscriptions/${subscription}/resourcegroups?api-version=2022-09-01`,
    );
    if (exhausted.status === 429) {
      assert.ok(Number(exhausted.headers['retry-after']) >= 1);
      assert.equal(exhausted.headers['x-ms-ratelimit-remaining-subscription-reads'], '0');
      assert.equal(
        (JSON.parse(exhausted.body) as { error: { code: string } }).error.code,
        'SubscriptionRequestsThrottled',
      );
    }
  });

  it('reports the remaining read quota on served calls', async () => {
    sim.faults.set({ rateLimits: { enabled: true, scale: 1 } });
    const res = await raw(sim, 'GET', `/subscriptions/${subscription}?api-version=2022-12-01`);
    assert.equal(res.status, 200);
    assert.ok(Number(res.headers['x-ms-ratelimit-remaining-subscription-reads']) > 0);
    assert.match(String(res.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('lists everything through nextLink when pages are tiny and some are empty', async () => {
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 2, emptyPageEvery: 3 } });
    const since = sim.log.lastSeq;
    const compute = new ComputeManagementClient(sdk.credential, subscription, sdk.options);
    const vms = [];
    for await (const vm of compute.virtualMachines.listAll()) vms.push(vm.id);
    assert.equal(vms.length, sim.estate().manifest.counts.azure![subscription]!['compute.instance']);
    assert.equal(new Set(vms).size, vms.length);
    const pages = sim.log.list(since).filter((c) => c.operation === 'virtualMachines.listAll').length;
    assert.ok(pages >= Math.ceil(vms.length / 2), `${pages} pages for ${vms.length} VMs`);
    const network = new NetworkManagementClient(sdk.credential, subscription, sdk.options);
    const nsgs = [];
    for await (const nsg of network.networkSecurityGroups.listAll()) nsgs.push(nsg.id);
    assert.equal(nsgs.length, sim.estate().manifest.counts.azure![subscription]!['network.firewall']);
  });

  it('answers an outage with 503 ServiceUnavailable in ARM shape', async () => {
    sim.faults.set({ rateLimits: { enabled: false }, outages: [{ cloud: 'azure', service: 'compute' }] });
    const compute = new ComputeManagementClient(sdk.credential, subscription, {
      ...sdk.options,
      retryOptions: { maxRetries: 0 },
    });
    const vm = [...sim.estate().azure.byId.values()].find(
      (r) => r.type === 'Microsoft.Compute/virtualMachines' && r.subscriptionId === subscription,
    )!;
    await assert.rejects(
      compute.virtualMachines.get(groupOf(vm.id), vm.name),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 503 && e.code === 'ServiceUnavailable',
    );
    const network = new NetworkManagementClient(sdk.credential, subscription, sdk.options);
    for await (const _ of network.virtualNetworks.listAll()) break;
  });

  it('answers unknown types, bad bodies and bad tokens with ARM error JSON', async () => {
    const vm = [...sim.estate().azure.byId.values()].find(
      (r) => r.type === 'Microsoft.Compute/virtualMachines',
    )!;
    const cases: [string, string, string | undefined, number, string][] = [
      [
        'GET',
        `/subscriptions/${vm.subscriptionId}/providers/Microsoft.Compute/virtualMachinez?api-version=2024-07-01`,
        undefined,
        400,
        'InvalidResourceType',
      ],
      ['PATCH', `${vm.id}?api-version=2024-07-01`, '{not json', 400, 'InvalidRequestContent'],
      ['PATCH', `${vm.id}?api-version=2024-07-01`, '[1,2]', 400, 'InvalidRequestContent'],
      [
        'PUT',
        `/subscriptions/${vm.subscriptionId}/resourceGroups/${groupOf(vm.id)}/providers/Microsoft.Compute/virtualMachines/bad$name?api-version=2024-07-01`,
        '{}',
        400,
        'InvalidResourceName',
      ],
      [
        'GET',
        `/subscriptions/${vm.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01&$skiptoken=garbage`,
        undefined,
        400,
        'InvalidSkipToken',
      ],
      [
        'GET',
        `/subscriptions/${vm.subscriptionId}/resources?$filter=${encodeURIComponent('weird stuff')}`,
        undefined,
        400,
        'InvalidFilterInQueryString',
      ],
      [
        'POST',
        '/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01',
        '{"query": "Resources | frobnicate"}',
        400,
        'BadRequest',
      ],
      [
        'DELETE',
        `/subscriptions/${vm.subscriptionId}?api-version=2022-12-01`,
        undefined,
        405,
        'MethodNotAllowed',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await raw(sim, method, path, body);
      assert.equal(res.status, status, `${method} ${path}`);
      assert.equal(
        (JSON.parse(res.body) as { error: { code: string } }).error.code,
        code,
        `${method} ${path}`,
      );
    }
    const noToken = await raw(sim, 'GET', `/subscriptions?api-version=2022-12-01`, undefined, {
      authorization: 'Basic Zm9vOmJhcg==',
    });
    assert.equal(noToken.status, 401);
    assert.equal(
      (JSON.parse(noToken.body) as { error: { code: string } }).error.code,
      'InvalidAuthenticationToken',
    );
  });

  it('survives fuzzed paths, methods and bodies: never a crash, always JSON', async () => {
    const rng = new Rng(99);
    const vm = [...sim.estate().azure.byId.values()].find(
      (r) => r.type === 'Microsoft.Compute/virtualMachines',
    )!;
    const bases = [
      vm.id,
      `${vm.id}/start`,
      `${vm.id}/instanceView`,
      `/subscriptions/${vm.subscriptionId}/resourceGroups/${groupOf(vm.id)}/providers/Microsoft.Network/networkSecurityGroups/x/securityRules/y`,
      `/subscriptions/${vm.subscriptionId}/providers/Microsoft.CostManagement/query`,
      '/providers/Microsoft.ResourceGraph/resources',
      `${vm.id}/providers/Microsoft.Insights/metrics`,
      `${vm.id}/providers/Microsoft.Resources/tags/default`,
      `/subscriptions/${vm.subscriptionId}/providers/Microsoft.Compute/locations/eastus/operations/nope`,
      '/subscriptions',
      '/',
    ];
    const junk = ['%zz', '..', '%00', '\u00e9t\u00e9', 'a'.repeat(500), '{x}', '%2F%2F', ';', '$', ' '];
    const bodies = [
      '',
      '{',
      'null',
      '"str"',
      '[]',
      '{"properties": 5}',
      '{"tags": {"a": {"b": 1}}}',
      '{"query": 42}',
      '{"query": "Resources | where (((("}',
      '{"dataset": {"grouping": [{"name": "Nope"}]}, "timeframe": "Custom"}',
      '\u0000\u0001\u0002',
      '{"properties": {"hardwareProfile": {"vmSize": 7}}}',
    ];
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
    for (let i = 0; i < 250; i++) {
      let path = rng.pick(bases);
      if (rng.chance(0.4)) path += `/${rng.pick(junk)}`;
      if (rng.chance(0.3)) path = path.replace(/\/[^/]+/, `/${rng.pick(junk)}`);
      const query = rng.chance(0.5)
        ? `?api-version=${rng.pick(['2024-07-01', '', 'garbage'])}${rng.chance(0.3) ? '&$skiptoken=' + rng.hex(8) : ''}`
        : '';
      const method = rng.pick(methods);
      const body = method === 'GET' || method === 'HEAD' ? undefined : rng.pick(bodies);
      const res = await raw(sim, method, path.replace(/ /g, '%20') + query, body);
      assert.ok(
        res.status >= 200 && res.status < 500,
        `${method} ${path}${query} → ${res.status} ${res.body.slice(0, 200)}`,
      );
      if (method !== 'HEAD' && res.body.length > 0) {
        // ARM wraps errors in `error`; Azure Monitor answers a top-level {code, message}.
        const parsed = JSON.parse(res.body) as { code?: unknown; error?: { code?: unknown } };
        if (res.status >= 400)
          assert.equal(
            typeof (parsed.error?.code ?? parsed.code),
            'string',
            `${method} ${path} ${res.body.slice(0, 200)}`,
          );
      }
    }
    const alive = await raw(sim, 'GET', '/subscriptions?api-version=2022-12-01');
    assert.equal(alive.status, 200);
  });
});
