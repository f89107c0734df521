import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDaemonClient, DAEMON_OPERATIONS } from '@escher/protocol';
import { addDaemonPlaybooks, installDaemonFakeAws } from './daemon-executions.testing.ts';
import { followExecutionViaDaemon } from './daemon-stream-client.ts';
import { createTestDaemon, TEST_TOKEN } from './daemon.testing.ts';
import { startDaemon } from './start-daemon.ts';

/**
 * End-to-end event streaming through the daemon: a command step prints N lines; each is read,
 * redacted, stored and pushed over the WebSocket to a client (the CLI's follower). Prints the
 * time from apply to the client's `end`, the events per second, and the replay of the same
 * stored events to a late client.
 *
 *   node --import tsx apps/escher/src/daemon/event-stream.bench.ts [lines=10000]
 */
const lines = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'escher-stream-bench-'));
const aws = installDaemonFakeAws(dir);
const d = await createTestDaemon();
await addDaemonPlaybooks(d.home, d.temp.store, ['daemon-lines.yaml'], 'testing');
const daemon = await startDaemon({
  store: d.temp.store,
  clock: d.temp.clock,
  home: d.home,
  token: TEST_TOKEN,
  port: 0,
  env: aws.env,
});
try {
  const client = createDaemonClient({ baseUrl: daemon.url, token: TEST_TOKEN });
  const { plan, executionId } = await client.call(DAEMON_OPERATIONS.createPlan, {
    body: { playbook: 'test.daemon-lines', target: ['web-1'], params: { count: String(lines) } },
  });
  await client.call(DAEMON_OPERATIONS.approveExecution, { params: { id: plan.id }, body: { yes: true } });
  const started = performance.now();
  await client.call(DAEMON_OPERATIONS.applyExecution, { params: { id: executionId } });
  let live = 0;
  const record = await followExecutionViaDaemon({
    baseUrl: daemon.url,
    token: TEST_TOKEN,
    executionId,
    onEvent: () => (live += 1),
  });
  const liveMs = performance.now() - started;
  const replayStart = performance.now();
  let replayed = 0;
  await followExecutionViaDaemon({
    baseUrl: daemon.url,
    token: TEST_TOKEN,
    executionId,
    onEvent: () => (replayed += 1),
  });
  const replayMs = performance.now() - replayStart;
  process.stdout.write(
    `${record.state}: ${live} events live in ${liveMs.toFixed(0)} ms (${((live / liveMs) * 1000).toFixed(0)} events/s, ` +
      `spawn + read + redact + store + WebSocket); replay of ${replayed} stored events in ${replayMs.toFixed(0)} ms ` +
      `(${((replayed / replayMs) * 1000).toFixed(0)} events/s)\n`,
  );
} finally {
  await daemon.close();
  d.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
