import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import {
  DAEMON_WS_PROTOCOL,
  DAEMON_WS_TOKEN_PREFIX,
  DaemonEventMessageSchema,
  type SyncStartResponse,
  type SyncStreamEvent,
} from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import {
  createCliHarness,
  initWithSimAccounts,
  manifestTotal,
  setSimFaults,
  type CliHarness,
} from '../cli/testing/cli-harness.ts';
import { serveDaemon, type ServedDaemon } from './serve-daemon.ts';

const CLOUDS = ['aws'] as const;

// Issue 3: a sync the daemon runs reports its progress on the global WebSocket, as executions
// do — scopes started and finished with what they found, failures, and the final summary.
describe('sync progress on /api/v1/events (real daemon, ws client, escher-sim)', () => {
  let sim: SimTarget;
  let h: CliHarness;
  let served: ServedDaemon;
  let down: string;

  before(async () => {
    sim = await startSimProcess(['--seed', '23', '--size', 'small']);
    h = createCliHarness({ prefix: 'escher-sync-events-' });
    await initWithSimAccounts(h, sim, 'sync-events-secret', CLOUDS);
    // One region down, so a scope fails and says so on the stream.
    down = (sim.manifest.regions['aws'] ?? []).find((r) => r !== 'us-east-1') ?? 'eu-west-1';
    await setSimFaults(sim, { outages: [{ cloud: 'aws', region: down }] });
    served = await serveDaemon({ home: h.home, env: h.env, port: 0, log: () => undefined });
  });
  after(async () => {
    await served?.close();
    await sim?.stop();
    h?.cleanup();
  });

  it('pushes sync-started, each scope, the failed region and sync-finished with the stored summary', async () => {
    const token = readFileSync(served.tokenFile, 'utf8').trim();
    const ws = new WebSocket(`${served.daemon.url.replace('http', 'ws')}/api/v1/events`, [
      DAEMON_WS_PROTOCOL,
      `${DAEMON_WS_TOKEN_PREFIX}${token}`,
    ]);
    const events: SyncStreamEvent[] = [];
    const finished = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const message = DaemonEventMessageSchema.parse(JSON.parse(data.toString()));
        if (message.type !== 'sync') return;
        events.push(message.event);
        if (message.event.kind === 'sync-finished') resolve();
      });
      ws.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });

    const res = await fetch(`${served.daemon.url}/api/v1/syncs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 202);
    const { sync } = (await res.json()) as SyncStartResponse;
    await finished;
    ws.close();

    assert.ok(events.every((e) => e.syncId === sync.id));
    assert.equal(events[0]?.kind, 'sync-started');
    const last = events.at(-1);
    assert.ok(last?.kind === 'sync-finished');
    const scopes = events.filter((e) => e.kind === 'scope-finished');
    const failed = events.filter((e) => e.kind === 'scope-failed');
    assert.ok(scopes.length > 0 && events.some((e) => e.kind === 'scope-started'));
    assert.ok(failed.length > 0, 'the region that is down is reported');
    assert.ok(failed.every((e) => e.error.cloud === 'aws' && e.error.region === down && e.error.message));

    // The final record is the stored one: partial, its errors are the failed scopes, and the
    // resources the scopes reported add up to its summary and to what the store now lists —
    // the estate less the region that is down.
    assert.equal(last.sync?.status, 'partial');
    assert.equal(last.sync?.summary?.errors.length, failed.length);
    const found = scopes.reduce((n, e) => n + e.resources, 0);
    assert.equal(last.sync?.summary?.resources, found);
    const listed = (await (
      await fetch(`${served.daemon.url}/api/v1/resources?cloud=aws`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { count: number };
    assert.equal(listed.count, found);
    assert.ok(found > 0 && found < manifestTotal(sim.manifest, CLOUDS));
    assert.deepEqual(
      [last.progress.scopesDone, last.progress.scopesFailed, last.progress.resources],
      [scopes.length, failed.length, found],
    );
    // Counters only grow, event after event: what a progress bar shows.
    const done = scopes.map((e) => e.progress.scopesDone);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
    );
  });
});
