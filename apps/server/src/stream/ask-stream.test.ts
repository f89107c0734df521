import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { AskStreamMessageSchema, DIGEST_MAX_BYTES, type AskStreamMessage } from '@escher/protocol';
import { createMasterAgent } from '../agents/master.agent.ts';
import {
  askBody,
  fixedParser,
  manualClock,
  TEST_CATALOG,
  TEST_KEYS,
  testKeyRing,
} from '../server.testing.ts';
import { startServer, type RunningServer } from '../start-server.ts';

describe('WebSocket /v1/ask/stream', () => {
  let running: RunningServer;
  before(async () => {
    running = await startServer({
      port: 0,
      keys: testKeyRing(),
      clock: manualClock(),
      catalog: TEST_CATALOG,
      limits: { rate: { burst: 4, perMinute: 1 }, bodyBytes: 64 * 1024 },
      agents: {
        master: createMasterAgent(fixedParser({ action: 'stop', resourceType: 'compute.instance' })),
      },
    });
  });
  after(() => running.close());

  const url = () => `ws://127.0.0.1:${running.port}/v1/ask/stream`;

  async function converse(body: string): Promise<{ messages: AskStreamMessage[]; code: number }> {
    const ws = new WebSocket(url(), { headers: { authorization: `Bearer ${TEST_KEYS.acme}` } });
    const messages: AskStreamMessage[] = [];
    ws.on('message', (data) => messages.push(AskStreamMessageSchema.parse(JSON.parse(String(data)))));
    await once(ws, 'open');
    ws.send(body);
    const [code] = (await once(ws, 'close')) as [number];
    return { messages, code };
  }

  it('streams text first, then the component tree, then a short digest, then the result', async () => {
    const { messages, code } = await converse(JSON.stringify(askBody()));
    assert.equal(code, 1000);
    const kinds = messages.map((m) => m.type);
    const firstOther = kinds.findIndex((k) => k !== 'text');
    assert.ok(firstOther > 0, `text first: ${kinds.join(',')}`);
    assert.deepEqual(kinds.slice(firstOther), ['components', 'digest', 'result']);
    const digest = messages.find((m) => m.type === 'digest');
    assert.ok(digest?.type === 'digest' && Buffer.byteLength(digest.digest) <= DIGEST_MAX_BYTES);
    const result = messages.at(-1);
    assert.ok(result?.type === 'result');
    assert.equal(result.result.playbook?.id, 'stop-compute-instance');
  });

  it('answers a bad message with an error frame and closes with 1008', async () => {
    const { messages, code } = await converse('{not json');
    assert.equal(code, 1008);
    assert.deepEqual(
      messages.map((m) => (m.type === 'error' ? m.error.code : m.type)),
      ['invalid-json'],
    );
  });

  it('closes with 1009 when a message is over the body limit', async () => {
    const { messages, code } = await converse(JSON.stringify(askBody({ request: 'x'.repeat(100_000) })));
    assert.equal(code, 1009);
    assert.deepEqual(messages, []);
  });

  it('refuses the upgrade without a valid key (401) and over the rate limit (429 + Retry-After)', async () => {
    const refused = async (headers: Record<string, string>): Promise<IncomingMessage> => {
      const ws = new WebSocket(url(), { headers });
      // Ending a socket that never opened is reported as an error; here it is the point.
      ws.on('error', () => undefined);
      const [, res] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
      ws.terminate();
      return res;
    };
    assert.equal((await refused({ authorization: 'Bearer wrong-key-0123456789abc' })).statusCode, 401);
    assert.equal((await refused({})).statusCode, 401);
    // The three conversations above took three of the four tokens; one more, then the bucket is empty.
    await converse(JSON.stringify(askBody()));
    const limited = await refused({ authorization: `Bearer ${TEST_KEYS.acme}` });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '60');
  });
});
