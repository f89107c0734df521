import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationalError, SyncStreamEventSchema, type SyncStreamEvent } from '@escher/protocol';
import { ManualClock } from '../store/testing/index.ts';
import { SyncJobs, type SyncRunner } from './sync-jobs.ts';

const scope = { cloud: 'aws', account: '111122223333', region: 'us-east-1', service: 'ec2' } as const;

describe('SyncJobs progress events', () => {
  it('tells listeners each scope and, when the sync fails mid-way, the error in sync-finished', async () => {
    const clock = new ManualClock();
    const runner: SyncRunner = async ({ onSyncStarted, onProgress }) => {
      onSyncStarted(7);
      onProgress({ kind: 'account-planned', cloud: 'aws', account: scope.account, scopes: 2 });
      onProgress({ kind: 'scope-started', scope });
      onProgress({ kind: 'api-call', cloud: 'aws', account: scope.account, outcome: 'ok', at: 0 });
      onProgress({ kind: 'scope-done', scope, resources: 3, added: 3, changed: 0, removed: 0 });
      clock.advance(1000);
      onProgress({
        kind: 'scope-failed',
        scope: { ...scope, region: 'eu-west-1' },
        error: { stage: 'scope', ...scope, region: 'eu-west-1', code: 'aws-outage', message: 'down' },
      });
      throw new OperationalError('scan-cancelled', 'The scan was cancelled; completed scopes were saved');
    };
    const jobs = new SyncJobs(runner, () => undefined, { clock });
    const events: SyncStreamEvent[] = [];
    const off = jobs.subscribe((e) => events.push(SyncStreamEventSchema.parse(e)));
    await jobs.start();
    await jobs.idle();
    off();

    assert.deepEqual(
      events.map((e) => e.kind),
      ['sync-started', 'scope-started', 'scope-finished', 'scope-failed', 'sync-finished'],
    );
    const last = events.at(-1);
    assert.ok(last?.kind === 'sync-finished');
    assert.equal(last.error?.code, 'scan-cancelled');
    assert.deepEqual(last.progress, {
      scopesPlanned: 2,
      scopesDone: 1,
      scopesFailed: 1,
      resources: 3,
      apiCalls: 1,
    });
    assert.equal(last.at, new Date(clock.now()).toISOString());
    // The API call moved the counters but was not pushed (a sync makes thousands).
    assert.ok(events.every((e) => e.syncId === 7));
  });
});
