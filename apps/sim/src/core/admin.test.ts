import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { SimManifestSchema } from '@escher/protocol';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';

// Loosely typed JSON for assertions on admin answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('simulator admin endpoints', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${sim.endpoints.aws}${path}`, {
      method,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  it('serves a manifest that validates and is the same on every port', async () => {
    const { status, json } = await call('GET', '/_sim/manifest');
    assert.equal(status, 200);
    assert.ok(SimManifestSchema.safeParse(json).success);
    const fromGcp = await (await fetch(`${sim.endpoints.gcp}/_sim/manifest`)).json();
    assert.deepEqual(fromGcp, json);
  });

  it('sets faults, rejects invalid ones with a reason, and reads them back', async () => {
    const bad = await call('POST', '/_sim/faults', { errorRate: 3 });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /errorRate|too big|<=1/i);
    const notJson = await call('POST', '/_sim/faults', '{nope');
    assert.equal(notJson.status, 400);
    const ok = await call('POST', '/_sim/faults', { latencyMs: 1, rateLimits: { enabled: false } });
    assert.equal(ok.status, 200);
    assert.equal((await call('GET', '/_sim/faults')).json.latencyMs, 1);
    await call('POST', '/_sim/faults', { rateLimits: { enabled: false } });
  });

  it('advances the clock on request', async () => {
    const before = Date.parse((await call('GET', '/_sim/clock')).json.now);
    const moved = Date.parse((await call('POST', '/_sim/clock', { advanceMs: 3_600_000 })).json.now);
    assert.ok(moved - before >= 3_600_000);
    assert.equal((await call('POST', '/_sim/clock', { advanceMs: -5 })).status, 400);
  });

  it('regenerates the estate on reset', async () => {
    const first = (await call('GET', '/_sim/manifest')).json;
    const reset = await call('POST', '/_sim/reset', { seed: 43 });
    assert.equal(reset.status, 200);
    assert.equal(reset.json.seed, 43);
    assert.notDeepEqual(reset.json.accounts, first.accounts);
    await call('POST', '/_sim/reset', { seed: 42 });
  });

  it('answers unknown simulator paths with 404 and survives a truncated request', async () => {
    assert.equal((await call('GET', '/_sim/nope')).status, 404);
    await new Promise<void>((resolve) => {
      const url = new URL(sim.endpoints.aws);
      const req = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { 'content-length': '100' },
      });
      req.on('error', () => resolve());
      req.write('Action=Desc');
      req.destroy();
      setImmediate(resolve);
    });
    assert.equal((await call('GET', '/_sim/health')).status, 200);
  });
});
