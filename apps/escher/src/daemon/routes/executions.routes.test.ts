import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DAEMON_OPERATIONS,
  FINAL_EXECUTION_STATES,
  type ErrorBody,
  type ExecutionEvent,
  type PlanResponse,
} from '@escher/protocol';
import { processAlive } from '../../engine/recover-interrupted.ts';
import { addDaemonPlaybooks, installDaemonFakeAws, type FakeAws } from '../daemon-executions.testing.ts';
import { createTestDaemon, type TestDaemon } from '../daemon.testing.ts';

describe('daemon executions API (real store, vault, ledger and engine; fake `aws` on PATH)', () => {
  let d: TestDaemon;
  let aws: FakeAws;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escher-daemon-ex-'));
    aws = installDaemonFakeAws(dir);
    d = await createTestDaemon({ env: aws.env });
    await addDaemonPlaybooks(d.home, d.temp.store);
  });
  after(() => {
    d.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body?: object): Promise<Response> =>
    d.request(path, {
      method: 'POST',
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
  const errorOf = async (res: Response, status: number): Promise<ErrorBody['error']> => {
    assert.equal(res.status, status, await res.clone().text());
    return ((await res.json()) as ErrorBody).error;
  };
  const plan = async (body: object): Promise<PlanResponse> => {
    const res = await post('/api/v1/plans', body);
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as PlanResponse;
  };
  /** Resolves with the execution's events once its last one (the final state) was emitted. */
  const finished = (
    executionId: string,
    seen: (e: ExecutionEvent) => void = () => undefined,
  ): Promise<void> =>
    new Promise((resolve) => {
      const off = d.executions.subscribe((event) => {
        if (event.executionId !== executionId) return;
        seen(event);
        if (event.kind === 'state' && (FINAL_EXECUTION_STATES as readonly string[]).includes(event.text)) {
          off();
          resolve();
        }
      });
    });

  it('plans, approves (signed by the local user) and applies in the background, like escher run', async () => {
    const p = await plan({ playbook: 'test.daemon-mark', target: ['api-1'] });
    assert.deepEqual(
      p.plan.targets.map((t) => t.name),
      ['api-1'],
    );
    assert.equal(p.executionId, p.plan.id.replace('plan-', 'ex-'));
    const approved = await d.client.call(DAEMON_OPERATIONS.approveExecution, {
      params: { id: p.plan.id },
      body: { yes: true },
    });
    assert.equal(approved.execution.state, 'approved');
    assert.ok(approved.execution.approvedBy);
    assert.equal(approved.planHash, p.hash);

    const done = finished(p.executionId);
    const applied = await post(`/api/v1/executions/${p.executionId}/apply`);
    assert.equal(applied.status, 202);
    const body = (await applied.json()) as { state: string; events: string };
    assert.equal(body.state, 'running');
    assert.equal(body.events, `ws://127.0.0.1:7433/api/v1/executions/${p.executionId}/events`);
    await done;

    const detail = await d.client.call(DAEMON_OPERATIONS.getExecution, { params: { id: p.executionId } });
    assert.equal(detail.execution.state, 'succeeded');
    assert.deepEqual(
      detail.execution.steps.map((s) => [s.target, s.stepId, s.status]),
      [[p.plan.targets[0]!.id, 'mark', 'succeeded']],
    );
    assert.deepEqual(
      aws.marks().map((m) => m.split(' ').slice(0, 2).join(' ')),
      ['mark api-1'],
    );
    const { events } = await d.client.call(DAEMON_OPERATIONS.listExecutionEvents, {
      params: { id: p.executionId },
    });
    assert.ok(events.some((e) => e.kind === 'output' && e.text === 'mark api-1'));
    const later = await d.client.call(DAEMON_OPERATIONS.listExecutionEvents, {
      params: { id: p.executionId },
      query: { since: events.at(-2)!.seq },
    });
    assert.deepEqual(later.events, events.slice(-1));
    const list = await d.client.call(DAEMON_OPERATIONS.listExecutions, { query: { state: 'succeeded' } });
    assert.deepEqual(
      list.executions.map((e) => e.id),
      [p.executionId],
    );

    // An execution runs once: applying or approving it again is a conflict.
    assert.equal(
      (await errorOf(await post(`/api/v1/executions/${p.executionId}/apply`), 409)).code,
      'execution-not-approved',
    );
    assert.equal(
      (await errorOf(await post(`/api/v1/executions/${p.plan.id}/approve`, { yes: true }), 409)).code,
      'plan-not-pending',
    );
  });

  it('keeps the production rules: --yes refused, the typed count required', async () => {
    const p = await plan({ playbook: 'test.daemon-mark', environment: 'production' });
    assert.equal(p.plan.production, true);
    assert.equal(p.plan.targets.length, 2);
    const approve = (body: object): Promise<Response> =>
      post(`/api/v1/executions/${p.executionId}/approve`, body);
    assert.equal((await errorOf(await approve({ yes: true }), 400)).code, 'production-needs-typed-count');
    assert.equal((await errorOf(await approve({ typed: 'yes' }), 400)).code, 'production-count-mismatch');
    assert.equal(
      (await errorOf(await post(`/api/v1/executions/${p.executionId}/apply`), 409)).code,
      'execution-not-approved',
    );
    const ok = await approve({ typed: '2' });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { execution: { state: string } }).execution.state, 'approved');
    // Cancelled before it started: it never runs.
    const cancel = await d.client.call(DAEMON_OPERATIONS.cancelExecution, { params: { id: p.executionId } });
    assert.deepEqual(cancel, { executionId: p.executionId, state: 'cancelled', cancelRequested: false });
    assert.equal(aws.marks().filter((m) => m.startsWith('mark db-1')).length, 0);
  });

  it('cancels a running execution: the step is killed, the next never starts', async () => {
    const p = await plan({ playbook: 'test.daemon-block', target: ['web-1'] });
    await d.client.call(DAEMON_OPERATIONS.approveExecution, {
      params: { id: p.plan.id },
      body: { typed: 'y' },
    });
    let blocking: (pid: number) => void;
    const blocked = new Promise<number>((resolve) => (blocking = resolve));
    const done = finished(p.executionId, (e) => {
      const m = /^blocking web-1 pid=(\d+)$/.exec(e.text);
      if (m) blocking(Number(m[1]));
    });
    await d.client.call(DAEMON_OPERATIONS.applyExecution, { params: { id: p.executionId } });
    const pid = await blocked;
    const cancel = await d.client.call(DAEMON_OPERATIONS.cancelExecution, { params: { id: p.executionId } });
    assert.deepEqual(cancel, { executionId: p.executionId, state: 'running', cancelRequested: true });
    await done;
    const { execution } = await d.client.call(DAEMON_OPERATIONS.getExecution, {
      params: { id: p.executionId },
    });
    assert.equal(execution.state, 'cancelled');
    assert.equal(processAlive(pid), false, 'the running command was killed');
    assert.deepEqual(
      aws
        .marks()
        .filter((m) => m.includes('web-1'))
        .map((m) => m.split(' ')[0]),
      ['block'],
      'the step after it never ran',
    );
    assert.equal(
      (await errorOf(await post(`/api/v1/executions/${p.executionId}/cancel`), 409)).code,
      'execution-finished',
    );
  });

  it('answers bad requests with the error body: no selection, unknown playbook or execution, bad body', async () => {
    assert.equal(
      (await errorOf(await post('/api/v1/plans', { playbook: 'test.daemon-mark' }), 400)).code,
      'selection-missing',
    );
    assert.equal(
      (await errorOf(await post('/api/v1/plans', { playbook: 'no.such', target: ['api-1'] }), 404)).code,
      'playbook-not-found',
    );
    assert.equal(
      (await errorOf(await d.request('/api/v1/executions/ex-nope'), 404)).code,
      'execution-not-found',
    );
    assert.equal(
      (await errorOf(await post('/api/v1/executions/ex-nope/approve', { maybe: true }), 400)).code,
      'invalid-request',
    );
    const noToken = await d.request('/api/v1/executions', { headers: { authorization: '' } });
    assert.equal((await errorOf(noToken, 401)).code, 'daemon-token-missing');
  });
});
