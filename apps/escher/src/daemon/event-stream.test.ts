import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import {
  createDaemonClient,
  DAEMON_OPERATIONS,
  DAEMON_WS_PROTOCOL,
  DAEMON_WS_TOKEN_PREFIX,
  ExecutionStreamMessageSchema,
  type DaemonClient,
  type ExecutionStreamMessage,
} from '@escher/protocol';
import { addDaemonPlaybooks, installDaemonFakeAws } from './daemon-executions.testing.ts';
import { followExecutionViaDaemon } from './daemon-stream-client.ts';
import { createTestDaemon, TEST_TOKEN, type TestDaemon } from './daemon.testing.ts';
import { startDaemon, type RunningDaemon } from './start-daemon.ts';

/** Opens a stream and collects its messages until the daemon closes it. */
function collect(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): {
  opened: Promise<void>;
  messages: ExecutionStreamMessage[];
  closed: Promise<{ code: number }>;
  ws: WebSocket;
} {
  const ws = new WebSocket(
    url,
    options.protocols ?? [DAEMON_WS_PROTOCOL, `${DAEMON_WS_TOKEN_PREFIX}${TEST_TOKEN}`],
    {
      ...(options.headers ? { headers: options.headers } : {}),
    },
  );
  const messages: ExecutionStreamMessage[] = [];
  ws.on('message', (data: Buffer) =>
    messages.push(ExecutionStreamMessageSchema.parse(JSON.parse(data.toString()))),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.once('close', (code) => resolve({ code })));
  return { opened, messages, closed, ws };
}

/** The HTTP status and error code a refused upgrade answers. */
function refused(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      url,
      options.protocols ?? [],
      options.headers ? { headers: options.headers } : {},
    );
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          code: (JSON.parse(text) as { error: { code: string } }).error.code,
        }),
      );
    });
  });
}

describe('execution event streams over WebSocket (real server on 127.0.0.1, real ws client)', () => {
  let d: TestDaemon;
  let daemon: RunningDaemon;
  let client: DaemonClient;
  let dir: string;
  let ws: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escher-daemon-ws-'));
    const aws = installDaemonFakeAws(dir);
    d = await createTestDaemon();
    await addDaemonPlaybooks(d.home, d.temp.store);
    daemon = await startDaemon({
      store: d.temp.store,
      clock: d.temp.clock,
      home: d.home,
      token: TEST_TOKEN,
      port: 0,
      env: aws.env,
      streamPollMs: 50,
    });
    client = createDaemonClient({ baseUrl: daemon.url, token: TEST_TOKEN });
    ws = daemon.url.replace('http', 'ws');
  });
  after(async () => {
    await daemon.close();
    d.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const approvedPlan = async (playbook: string, target: string): Promise<string> => {
    const { plan, executionId } = await client.call(DAEMON_OPERATIONS.createPlan, {
      body: { playbook, target: [target] },
    });
    await client.call(DAEMON_OPERATIONS.approveExecution, { params: { id: plan.id }, body: { yes: true } });
    return executionId;
  };

  it('refuses an upgrade without the token, with a wrong one, from a foreign Origin or Host, and for an unknown id', async () => {
    const id = await approvedPlan('test.daemon-mark', 'api-1');
    const url = `${ws}/api/v1/executions/${id}/events`;
    assert.deepEqual(await refused(url), { status: 401, code: 'daemon-token-missing' });
    assert.deepEqual(
      await refused(url, { protocols: [DAEMON_WS_PROTOCOL, `${DAEMON_WS_TOKEN_PREFIX}wrong`] }),
      {
        status: 401,
        code: 'daemon-token-invalid',
      },
    );
    assert.deepEqual(await refused(`${url}?token=wrong`), { status: 401, code: 'daemon-token-invalid' });
    assert.deepEqual(
      await refused(`${url}?token=${TEST_TOKEN}`, { headers: { origin: 'https://evil.example' } }),
      { status: 403, code: 'daemon-origin-refused' },
    );
    assert.deepEqual(
      await refused(`${url}?token=${TEST_TOKEN}`, { headers: { host: `evil.example:${daemon.port}` } }),
      { status: 403, code: 'daemon-host-refused' },
    );
    assert.deepEqual(await refused(`${ws}/api/v1/executions/ex-nope/events?token=${TEST_TOKEN}`), {
      status: 404,
      code: 'execution-not-found',
    });
    // The token in the query works too (for clients that cannot set subprotocols).
    const s = collect(`${url}?token=${TEST_TOKEN}`, { protocols: [] });
    await s.opened;
    s.ws.close();
    await client.call(DAEMON_OPERATIONS.cancelExecution, { params: { id } });
  });

  it('streams live events, then `end` with the final record; a late client gets the replay, from `since`', async () => {
    const id = await approvedPlan('test.daemon-mark', 'web-1');
    const all = collect(`${ws}/api/v1/events`);
    await all.opened;
    const live = collect(`${ws}/api/v1/executions/${id}/events`);
    await live.opened;
    await client.call(DAEMON_OPERATIONS.applyExecution, { params: { id } });
    assert.equal((await live.closed).code, 1000);
    const events = live.messages.flatMap((m) => (m.type === 'event' ? [m.event] : []));
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
      'in order, no gap, no duplicate',
    );
    assert.ok(events.some((e) => e.kind === 'output' && e.text === 'mark web-1'));
    const end = live.messages.at(-1);
    assert.equal(end?.type, 'end');
    assert.equal(end?.type === 'end' && end.execution.state, 'succeeded');

    const replay = collect(`${ws}/api/v1/executions/${id}/events?since=2`);
    assert.equal((await replay.closed).code, 1000);
    assert.deepEqual(
      replay.messages.flatMap((m) => (m.type === 'event' ? [m.event] : [])),
      events.slice(2),
    );
    assert.equal(replay.messages.at(-1)?.type, 'end');

    // The global stream saw the same events live.
    assert.deepEqual(
      all.messages.flatMap((m) => (m.type === 'event' && m.event.executionId === id ? [m.event.seq] : [])),
      events.map((e) => e.seq),
    );
    all.ws.close();
  });

  it('the CLI client follows a run to its end, and a daemon shutdown cancels what it runs', async () => {
    const id = await approvedPlan('test.daemon-block', 'web-1');
    await client.call(DAEMON_OPERATIONS.applyExecution, { params: { id } });
    const lines: string[] = [];
    let blocking: () => void;
    const blocked = new Promise<void>((resolve) => (blocking = resolve));
    const followed = followExecutionViaDaemon({
      baseUrl: daemon.url,
      token: TEST_TOKEN,
      executionId: id,
      onEvent: (e) => {
        lines.push(e.text);
        if (e.text.startsWith('blocking web-1')) blocking();
      },
    });
    await blocked;
    await client.call(DAEMON_OPERATIONS.cancelExecution, { params: { id } });
    const record = await followed;
    assert.equal(record.state, 'cancelled');
    assert.equal(lines.at(-1), 'cancelled');

    // SIGTERM of the daemon: what it runs is cancelled (as for a foreground `escher run`), and
    // the streams get their `end` before they close.
    const next = await approvedPlan('test.daemon-block', 'web-1');
    await client.call(DAEMON_OPERATIONS.applyExecution, { params: { id: next } });
    let started: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const stream = followExecutionViaDaemon({
      baseUrl: daemon.url,
      token: TEST_TOKEN,
      executionId: next,
      onEvent: (e) => {
        if (e.text.startsWith('blocking web-1')) started();
      },
    });
    await running;
    await daemon.close();
    assert.equal((await stream).state, 'cancelled');
  });
});
