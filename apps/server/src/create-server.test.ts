import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AskResponseSchema, DIGEST_MAX_BYTES, ErrorBodySchema } from '@escher/protocol';
import { createMasterAgent } from './agents/master.agent.ts';
import { createServer, type ServerOptions } from './create-server.ts';
import { askBody, fixedParser, manualClock, TEST_CATALOG, TEST_KEYS, testKeyRing } from './server.testing.ts';

const STOP_DEV_VMS = {
  action: 'stop',
  resourceType: 'compute.instance',
  region: 'us-east-1',
  environment: 'dev',
};

function setup(options: Partial<ServerOptions> = {}) {
  const clock = manualClock();
  const lines: string[] = [];
  const server = createServer({
    keys: testKeyRing(),
    clock,
    catalog: TEST_CATALOG,
    agents: { master: createMasterAgent(fixedParser(STOP_DEV_VMS)) },
    log: (line) => lines.push(line),
    ...options,
  });
  const post = (body: string | object, key: string | null = TEST_KEYS.acme) =>
    server.app.request('/v1/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { server, clock, lines, post };
}

async function errorOf(res: Response): Promise<{ code: string; message: string; hint?: string }> {
  return ErrorBodySchema.parse(await res.json()).error;
}

describe('POST /v1/ask', () => {
  it('answers a change with the right playbook, a plan that needs approval and a short digest', async () => {
    const { post } = setup();
    const res = await post(askBody());
    assert.equal(res.status, 200);
    const answer = AskResponseSchema.parse(await res.json());
    assert.equal(answer.understoodBy, 'parser');
    assert.equal(answer.intent.action, 'stop');
    assert.equal(answer.playbook?.id, 'stop-compute-instance');
    assert.ok(answer.playbook.reason.length > 0);
    assert.equal(answer.requiresApproval, true);
    assert.deepEqual(
      answer.steps.map((s) => s.operation),
      ['compute.instance.stop'],
    );
    const types = answer.components.map((c) => c.type);
    for (const t of ['scope-chips', 'resource-list', 'playbook-card', 'plan-review', 'confirmation-prompt']) {
      assert.ok(types.includes(t as never), `has ${t}: ${types.join(', ')}`);
    }
    assert.ok(Buffer.byteLength(answer.digest) <= DIGEST_MAX_BYTES);
    assert.match(answer.digest, /stop-compute-instance/);
  });

  it('falls back to its own reading without a parser and says which path answered', async () => {
    const { post } = setup({ agents: { master: createMasterAgent(null) } });
    const answer = AskResponseSchema.parse(
      await (await post(askBody({ request: 'stop payments-api in aws' }))).json(),
    );
    assert.equal(answer.understoodBy, 'fallback');
    assert.equal(answer.intent.action, 'stop');
    assert.equal(answer.intent.cloud, 'aws');
    assert.deepEqual(answer.intent.names, ['payments-api']);
  });

  it('refuses a missing key and a wrong key with 401 and the error shape', async () => {
    const { post } = setup();
    const missing = await post(askBody(), null);
    assert.equal(missing.status, 401);
    assert.equal((await errorOf(missing)).code, 'server-key-missing');
    const wrong = await post(askBody(), 'not-the-key-0123456789');
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /Bearer/);
    assert.equal((await errorOf(wrong)).code, 'server-key-invalid');
  });

  it('rate-limits per key with 429 and Retry-After, and lets the key in again once it refilled', async () => {
    const { post, clock } = setup({ limits: { rate: { burst: 2, perMinute: 30 } } });
    assert.equal((await post(askBody())).status, 200);
    assert.equal((await post(askBody())).status, 200);
    const limited = await post(askBody());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal((await errorOf(limited)).code, 'server-rate-limited');
    // Another tenant's key has its own bucket.
    assert.equal((await post(askBody(), TEST_KEYS.globex)).status, 200);
    clock.advance(2_000);
    assert.equal((await post(askBody())).status, 200);
  });

  it('refuses an oversized body with 413', async () => {
    const { post } = setup({ limits: { bodyBytes: 1_024 } });
    const names = Array.from({ length: 100 }, (_, i) => `server-${i}`);
    const res = await post(askBody({ context: { resourceCount: 1, names } }));
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'request-too-large');
  });

  it('answers malformed JSON with 400 and the error shape, without quoting the body', async () => {
    const { post } = setup();
    const res = await post('{"request": "stop vms", "context": {CANARY-in-json');
    assert.equal(res.status, 400);
    const error = await errorOf(res);
    assert.equal(error.code, 'invalid-json');
    assert.doesNotMatch(JSON.stringify(error), /CANARY/);
  });

  it('refuses fields the schema does not name, so raw resources and secrets cannot be sent', async () => {
    const { post } = setup();
    const resource = { id: 'arn:aws:ec2:us-east-1:1:instance/i-1', tags: { password: 'hunter2' } };
    const inContext = await post({ ...askBody(), context: { ...askBody().context, resources: [resource] } });
    assert.equal(inContext.status, 400);
    const error = await errorOf(inContext);
    assert.equal(error.code, 'invalid-request');
    assert.match(error.message, /context/);
    assert.equal((await post({ ...askBody(), credentials: { secretKey: 'x' } })).status, 400);
    const tagValues = await post({ ...askBody(), context: { resourceCount: 1, tagKeys: { env: 'prod' } } });
    assert.equal(tagValues.status, 400);
  });

  it('logs request lines but never a body, a key or a context', async () => {
    const { post, lines } = setup({ limits: { rate: { burst: 2, perMinute: 60 }, bodyBytes: 4_096 } });
    const canary = 'CANARY-7f3e9a';
    await post(askBody({ request: `stop ${canary}`, context: { resourceCount: 1, names: [canary] } }));
    await post(`{"request":"${canary}`);
    await post({ ...askBody(), [canary]: canary });
    await post(askBody({ request: canary }), `${canary}-wrong-key`);
    await post(askBody({ request: canary.repeat(1_000) }));
    assert.ok(
      lines.some((l) => /^POST \/v1\/ask 200 \d+ms tenant=acme$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.length >= 5);
    for (const line of lines) {
      assert.doesNotMatch(line, /CANARY/);
      assert.ok(!line.includes(TEST_KEYS.acme));
    }
  });
});

describe('GET /v1/openapi.json and /v1/health', () => {
  it('serves the generated OpenAPI document and health without a key', async () => {
    const { server } = setup();
    const doc = (await (await server.app.request('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/v1/ask']);
    assert.ok(doc.components.schemas['AskRequest'] && doc.components.schemas['UiComponent']);
    assert.equal((await server.app.request('/v1/health')).status, 200);
    const missing = await server.app.request('/v1/nothing');
    assert.equal(missing.status, 404);
    assert.equal((await errorOf(missing)).code, 'route-not-found');
  });
});
