import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAEMON_OPERATIONS, UserError, type ErrorBody, type Resource } from '@escher/protocol';
import { AZURE_VM_ID, createTestDaemon, type TestDaemon } from './daemon.testing.ts';

const names = (resources: readonly Resource[]): string[] => resources.map((r) => r.name).sort();

describe('daemon API over a real store', () => {
  let d: TestDaemon;
  before(async () => {
    d = await createTestDaemon();
  });
  after(() => d.cleanup());

  const list = async (query: string): Promise<{ count: number; resources: Resource[] }> => {
    const res = await d.request(`/api/v1/resources${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as { count: number; resources: Resource[] };
  };
  const error = async (res: Response, status: number): Promise<ErrorBody['error']> => {
    assert.equal(res.status, status);
    return ((await res.json()) as ErrorBody).error;
  };

  it('answers health and status with version, pid, uptime, store stats and the last sync', async () => {
    assert.deepEqual(await d.client.call(DAEMON_OPERATIONS.getHealth), {
      status: 'ok',
      version: '9.9.9',
      pid: 4242,
    });
    d.temp.clock.advance(90_000);
    const status = await d.client.call(DAEMON_OPERATIONS.getStatus);
    assert.equal(status.uptimeMs, 90_000);
    assert.equal(status.store.resources, 4);
    assert.ok(status.store.fileBytes > 0);
    assert.equal(status.lastSync?.status, 'succeeded');
    assert.equal(status.lastSync?.summary?.changed, 1);
    assert.equal(status.runningSync, null);
  });

  it('lists resources as {count, resources}, with the filters of `escher resources`', async () => {
    const all = await list('');
    assert.deepEqual(Object.keys(all), ['count', 'resources']);
    assert.equal(all.count, 4);
    assert.deepEqual(names((await list('?cloud=azure')).resources), ['pay-vm-1']);
    assert.deepEqual(names((await list('?cloud=azure&cloud=aws')).resources), [
      'api-1',
      'db-1',
      'pay-vm-1',
      'web-1',
    ]);
    assert.deepEqual(names((await list('?region=us-west-2')).resources), ['web-1']);
    assert.deepEqual(names((await list('?env=prod')).resources), ['db-1', 'pay-vm-1']);
    assert.deepEqual(names((await list('?env=prod&cloud=aws')).resources), ['db-1']);
    assert.deepEqual(names((await list('?tag=team=payments')).resources), ['api-1', 'db-1']);
    assert.deepEqual(names((await list('?tag=team=*')).resources), ['api-1', 'db-1', 'pay-vm-1']);
    assert.deepEqual(names((await list('?state=stopped')).resources), ['api-1', 'db-1']);
    assert.deepEqual(names((await list('?type=compute.instance&type=storage.bucket')).resources).length, 4);
    assert.deepEqual(names((await list(`?changedSince=${encodeURIComponent(d.secondSyncAt)}`)).resources), [
      'api-1',
    ]);
    const page1 = await list('?limit=2');
    const page2 = await list('?limit=2&offset=2');
    assert.equal(page1.count, 2);
    assert.deepEqual([...names(page1.resources), ...names(page2.resources)].sort(), names(all.resources));
  });

  it('refuses bad filters with a 400 naming the field, instead of ignoring them', async () => {
    const bad = await error(await d.request('/api/v1/resources?cloud=aws&cloud=ibm'), 400);
    assert.equal(bad.code, 'invalid-request');
    assert.match(bad.message, /cloud/);
    assert.ok(bad.hint);
    assert.match((await error(await d.request('/api/v1/resources?clod=aws'), 400)).message, /clod/);
    assert.match((await error(await d.request('/api/v1/resources?limit=0'), 400)).message, /limit/);
    assert.match(
      (await error(await d.request('/api/v1/resources?changedSince=yesterday'), 400)).message,
      /changedSince/,
    );
    assert.match((await error(await d.request('/api/v1/resources?tag=team'), 400)).message, /key=value/);
  });

  it('gets one resource by its URL-encoded id (ARNs and Azure ids with slashes), 404 otherwise', async () => {
    const vm = await d.client.call(DAEMON_OPERATIONS.getResource, { params: { id: AZURE_VM_ID } });
    assert.equal(vm.name, 'pay-vm-1');
    const [api] = (await list('?tag=team=payments&state=stopped&env=dev')).resources;
    const res = await d.request(`/api/v1/resources/${encodeURIComponent(api!.id)}`);
    assert.equal(((await res.json()) as Resource).state, 'stopped');
    const missing = await error(
      await d.request(`/api/v1/resources/${encodeURIComponent('arn:aws:ec2:x:1:instance/i-no')}`),
      404,
    );
    assert.equal(missing.code, 'resource-not-found');
  });

  it("returns a resource's history with the field-level diff, and the change feed since a time", async () => {
    const [api] = (await list('?env=dev')).resources;
    const history = await d.client.call(DAEMON_OPERATIONS.getResourceHistory, { params: { id: api!.id } });
    assert.deepEqual(
      history.changes.map((c) => c.kind),
      ['added', 'changed'],
    );
    assert.deepEqual(history.changes[1]?.changes, [{ field: 'state', before: 'running', after: 'stopped' }]);
    const feed = await d.client.call(DAEMON_OPERATIONS.listChanges, { query: { since: d.secondSyncAt } });
    assert.equal(feed.count, 1);
    assert.equal(feed.changes[0]?.resourceId, api!.id);
    assert.equal((await error(await d.request('/api/v1/changes'), 400)).code, 'invalid-request');
    assert.equal(
      (await error(await d.request(`/api/v1/resources/${encodeURIComponent('nope')}/history`), 404)).code,
      'resource-not-found',
    );
  });

  it('lists syncs newest first and gets one by id', async () => {
    const { syncs } = await d.client.call(DAEMON_OPERATIONS.listSyncs, { query: { limit: 5 } });
    assert.deepEqual(
      syncs.map((s) => s.status),
      ['succeeded', 'succeeded'],
    );
    assert.ok(syncs[0]!.id > syncs[1]!.id);
    const one = await d.client.call(DAEMON_OPERATIONS.getSync, { params: { id: syncs[1]!.id } });
    assert.equal(one.summary?.added, 4);
    assert.equal((await error(await d.request('/api/v1/syncs/999'), 404)).code, 'sync-not-found');
    assert.equal((await error(await d.request('/api/v1/syncs/abc'), 400)).code, 'invalid-request');
  });

  it('answers unknown routes and bad JSON with the one error shape', async () => {
    assert.equal((await error(await d.request('/api/v1/nothing-here'), 404)).code, 'route-not-found');
    const badJson = await d.request('/api/v1/syncs', { method: 'POST', body: '{"account":' });
    assert.equal((await error(badJson, 400)).code, 'invalid-json');
    const extra = await d.request('/api/v1/syncs', { method: 'POST', body: '{"acount":"x"}' });
    assert.equal((await error(extra, 400)).code, 'invalid-request');
  });

  it('the typed client turns error answers back into errors with code and hint', async () => {
    await assert.rejects(
      d.client.call(DAEMON_OPERATIONS.getResource, { params: { id: 'missing' } }),
      (e: unknown) => e instanceof UserError && e.code === 'resource-not-found' && e.hint !== undefined,
    );
  });
});

describe('the OpenAPI document', () => {
  let d: TestDaemon;
  before(async () => {
    d = await createTestDaemon();
  });
  after(() => d.cleanup());

  it('lists every route the daemon serves, and nothing it does not', async () => {
    const doc = await d.client.call(DAEMON_OPERATIONS.getOpenApi);
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.version, '9.9.9');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = d.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    assert.deepEqual(documented, served);
    assert.ok(documented.includes('GET /api/v1/resources/{id}/history'));
  });

  it('resolves every $ref and declares the bearer token', async () => {
    const doc = (await (await d.request('/api/v1/openapi.json')).json()) as {
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme: string }> };
      security: unknown[];
    };
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1]!,
    );
    assert.ok(refs.length > 10);
    for (const ref of refs) assert.ok(doc.components.schemas[ref], `missing component ${ref}`);
    assert.equal(doc.components.securitySchemes['bearerAuth']?.scheme, 'bearer');
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
  });
});
