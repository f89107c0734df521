import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IntentSchema, type AskRequestInput, type AskResponse, type Intent } from '@escher/protocol';
import type { MasterResult } from '../agents/agents.ts';
import { createServer, type ServerOptions } from '../create-server.ts';
import { askBody, testKeyRing, TEST_KEYS } from '../server.testing.ts';
import type { LlmConfig } from './llm-config.ts';
import { mayChangeAction, modelMasterFromConfig } from './llm-master.ts';
import { startFakeModelServer, type FakeModelServer } from './fake-model-server.testing.ts';

const MODEL_KEY = 'sk-model-key-0123456789';
// "storage accounts" leaves the parser unsure of the cloud: the case the model is for.
const UNSURE = 'list the storage accounts';
const GOOD = { action: 'list', resourceType: 'storage.bucket', cloud: 'azure' };

function config(url: string, provider: LlmConfig['provider'] = 'openai-compatible'): LlmConfig {
  return { provider, url, model: 'llama3.1:8b', apiKey: MODEL_KEY, timeoutMs: 4000, minConfidence: 0.85 };
}

async function ask(
  options: Partial<ServerOptions>,
  body: AskRequestInput,
): Promise<{ response: AskResponse; log: string[] }> {
  const log: string[] = [];
  const server = createServer({ keys: testKeyRing(), log: (line) => log.push(line), ...options });
  const res = await server.app.request('/v1/ask', {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEYS.acme}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return { response: (await res.json()) as AskResponse, log };
}

describe('the optional model behind the Master (OpenAI chat-completions wire format)', () => {
  let fake: FakeModelServer;
  before(async () => (fake = await startFakeModelServer({ text: JSON.stringify(GOOD) })));
  after(() => fake.close());
  const reset = (reply: FakeModelServer['reply']): void => {
    fake.reply = reply;
    fake.calls.length = 0;
    delete fake.onRequest;
  };

  it('uses a valid answer when the parser is unsure, and says so', async () => {
    reset({ text: JSON.stringify(GOOD) });
    const { response } = await ask({ llm: config(fake.url) }, askBody({ request: UNSURE }));
    assert.equal(fake.calls.length, 1);
    assert.equal(fake.calls[0]!.path, '/v1/chat/completions');
    assert.equal(response.engine, 'llm');
    assert.equal(response.fallback, undefined);
    assert.equal(response.understoodBy, 'model');
    assert.equal(response.intent.cloud, 'azure');
    assert.match(response.answer, /language model \(llama3\.1:8b\) read this request.*cloud/);
    // The intent schema travelled as the response format, not only as prose.
    const sent = JSON.parse(fake.calls[0]!.body) as { response_format?: { type: string } };
    assert.equal(sent.response_format?.type, 'json_schema');
  });

  it('lets the model settle a request the grammar reads as `other`', async () => {
    reset({
      text: JSON.stringify({
        action: 'other',
        names: ['payments-api'],
        cloud: 'aws',
        region: 'eu-central-1',
      }),
    });
    const { response } = await ask(
      { llm: config(fake.url) },
      askBody({ request: 'migrate payments-api to Frankfurt' }),
    );
    assert.equal(fake.calls.length, 1);
    assert.equal(response.engine, 'llm');
    assert.equal(response.intent.region, 'eu-central-1');
  });

  it('lets the model decide the action only where the parser could not', () => {
    const reading = (action: Intent['action'], unsure: string[] = []): MasterResult => ({
      intent: IntentSchema.parse({ action }),
      understoodBy: 'parser',
      notes: [],
      unsure,
    });
    assert.equal(mayChangeAction(reading('other'), 'stop'), true);
    assert.equal(mayChangeAction(reading('list', ['action: no action word was recognised']), 'stop'), true);
    assert.equal(mayChangeAction(reading('list'), 'list'), true);
    assert.equal(mayChangeAction(reading('list', ['cloud: …']), 'delete'), false);
    assert.equal(mayChangeAction(reading('stop'), 'delete'), false);
  });

  it('does not call the model when the parser is sure', async () => {
    reset({ text: JSON.stringify(GOOD) });
    const { response } = await ask({ llm: config(fake.url) }, askBody());
    assert.equal(fake.calls.length, 0);
    assert.equal(response.engine, 'deterministic');
    assert.equal(response.fallback, undefined);
    assert.equal(response.intent.cloud, 'aws');
  });

  const fallbacks: [string, FakeModelServer['reply'], string, RegExp][] = [
    [
      'text that is not JSON',
      { text: 'Sure! The user wants storage accounts.' },
      'model-invalid-json',
      /not answer with JSON/,
    ],
    [
      'JSON outside the schema',
      { text: '{"action":"obliterate","cloud":"mars"}' },
      'model-schema-invalid',
      /did not validate/,
    ],
    [
      'a region that does not exist',
      { text: JSON.stringify({ ...GOOD, region: 'mars-north-1' }) },
      'model-unknown-value',
      /does not know/,
    ],
    [
      'a region of another cloud',
      { text: JSON.stringify({ ...GOOD, region: 'us-east-1' }) },
      'model-unknown-value',
      /does not know/,
    ],
    [
      'a name the estate does not have',
      { text: JSON.stringify({ ...GOOD, names: ['ghost-db'] }) },
      'model-unknown-value',
      /does not know/,
    ],
    [
      'an action the request does not name',
      { text: JSON.stringify({ ...GOOD, action: 'delete' }) },
      'model-changed-action',
      /another action/,
    ],
    ['an HTTP 500', { status: 500 }, 'model-http-error', /answered with an error/],
  ];
  for (const [what, reply, reason, said] of fallbacks) {
    it(`falls back to the parser's reading on ${what}`, async () => {
      reset(reply);
      const { response } = await ask({ llm: config(fake.url) }, askBody({ request: UNSURE }));
      assert.equal(fake.calls.length, 1);
      assert.equal(response.engine, 'deterministic');
      assert.equal(response.fallback, reason);
      assert.equal(response.understoodBy, 'parser');
      assert.equal(response.intent.resourceType, 'storage.bucket');
      assert.equal(response.intent.cloud ?? null, null);
      assert.match(response.answer, said);
      assert.match(response.answer, /the deterministic reading was used/);
    });
  }

  it('falls back when the model does not answer in time (the deadline is injected, nothing sleeps)', async () => {
    reset('never');
    const deadline = new AbortController();
    fake.onRequest = () => deadline.abort();
    const { response } = await ask(
      { llm: modelMasterFromConfig(config(fake.url), () => deadline.signal) },
      askBody({ request: UNSURE }),
    );
    assert.equal(fake.calls.length, 1);
    assert.equal(response.fallback, 'model-timeout');
    assert.equal(response.engine, 'deterministic');
    assert.match(response.answer, /did not answer in time \(4000 ms\)/);
  });

  it('falls back when the model cannot be reached', async () => {
    const gone = await startFakeModelServer({ text: '{}' });
    await gone.close();
    const { response } = await ask({ llm: config(gone.url) }, askBody({ request: UNSURE }));
    assert.equal(response.fallback, 'model-unreachable');
    assert.equal(response.intent.resourceType, 'storage.bucket');
    assert.match(response.answer, /could not be reached/);
  });

  it('sends the model the request and the summaries only, and logs neither it nor the key', async () => {
    reset({ text: JSON.stringify({ ...GOOD, names: ['payments-api'] }) });
    const canaries = ['CANARY-name-5512', 'CANARY-acct-7730'];
    const { response, log } = await ask(
      { llm: config(fake.url) },
      askBody({
        request: `${UNSURE} used by payments-api`,
        context: {
          resourceCount: 3,
          types: { 'storage.bucket': 3 },
          clouds: { azure: 2, aws: 1 },
          regions: { westus2: 2, 'us-east-1': 1 },
          tagKeys: ['team'],
          names: ['payments-api', canaries[0]!],
          accounts: [canaries[1]!],
        },
        playbooks: [],
      }),
    );
    assert.equal(response.engine, 'llm');
    assert.deepEqual(response.intent.names, ['payments-api']);
    const call = fake.calls[0]!;
    for (const canary of canaries) assert.ok(!call.body.includes(canary), `${canary} reached the model`);
    const prompt = JSON.parse(
      (JSON.parse(call.body) as { messages: { role: string; content: string }[] }).messages.find(
        (m) => m.role === 'user',
      )!.content,
    ) as { estate: Record<string, unknown> };
    assert.deepEqual(Object.keys(prompt.estate).sort(), [
      'accountsMentioned',
      'clouds',
      'environments',
      'namesMentioned',
      'regions',
      'resourceCount',
      'tagKeys',
      'types',
    ]);
    assert.deepEqual(prompt.estate['namesMentioned'], ['payments-api']);
    assert.equal(call.headers.authorization, `Bearer ${MODEL_KEY}`);
    assert.ok(!log.join('\n').includes(MODEL_KEY));
    assert.ok(!log.join('\n').includes('payments-api'));
  });
});

describe('the optional model (Anthropic messages wire format)', () => {
  it('uses a valid answer and falls back on an invalid one', async () => {
    const fake = await startFakeModelServer({ text: JSON.stringify(GOOD) });
    try {
      const cfg = { ...config(fake.url, 'anthropic'), model: 'claude-sonnet-4-5' };
      const good = await ask({ llm: cfg }, askBody({ request: UNSURE }));
      assert.equal(fake.calls[0]!.path, '/v1/messages');
      assert.equal(fake.calls[0]!.headers['x-api-key'], MODEL_KEY);
      assert.equal(good.response.engine, 'llm');
      assert.equal(good.response.intent.cloud, 'azure');
      fake.reply = { text: '{"action":"list","region":"atlantis-1"}' };
      const bad = await ask({ llm: cfg }, askBody({ request: UNSURE }));
      assert.equal(bad.response.fallback, 'model-unknown-value');
      assert.equal(bad.response.intent.cloud ?? null, null);
    } finally {
      await fake.close();
    }
  });
});
