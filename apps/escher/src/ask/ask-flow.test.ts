import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AskRequestInput, Resource } from '@escher/protocol';
import { openTempStore, testInstance, testScope, type TempStore } from '../store/testing/index.ts';
import { runAskTurn, type AskFlowDeps } from './ask-flow.ts';
import { inProcessServer, type AskServerClient } from './ask-server-client.ts';
import { ChatHistory } from './chat-history.ts';

const TAG_SECRET = 'tag-value-canary-5d1e';
const HIDDEN_NAME = 'name-canary-77aa';

function estate(): Resource[] {
  return [
    testInstance('web-1', { tags: { env: 'dev', owner: TAG_SECRET } }),
    testInstance('web-2', { state: 'stopped' }),
    testInstance(HIDDEN_NAME, { costMonthly: 40 }),
    testInstance('api-1', { region: 'eu-west-1', costMonthly: 10 }),
    testInstance('db-9', { environment: 'prod', tags: { env: 'prod' }, costMonthly: 90 }),
  ];
}

/** The in-process server behind a recorder of every request body. */
function recorded(): AskServerClient & { bodies: AskRequestInput[] } {
  const server = inProcessServer();
  const bodies: AskRequestInput[] = [];
  return {
    where: server.where,
    bodies,
    ask: (body) => {
      bodies.push(structuredClone(body));
      return server.ask(body);
    },
  };
}

describe('escher ask, one turn on the client', () => {
  let t: TempStore;
  let server: ReturnType<typeof recorded>;
  let deps: AskFlowDeps;
  before(async () => {
    t = await openTempStore();
    const sync = t.store.beginSync();
    t.store.replaceScope(
      testScope(),
      estate().filter((r) => r.region === 'us-east-1'),
      sync,
    );
    t.store.replaceScope(
      testScope({ region: 'eu-west-1' }),
      estate().filter((r) => r.region === 'eu-west-1'),
      sync,
    );
    t.store.finishSync(sync, { apiCalls: 0 });
    server = recorded();
    deps = {
      store: t.store,
      server,
      redact: (text) => text.replaceAll('hunter2-secret', '[REDACTED]'),
      now: () => new Date(t.clock.now()),
      chat: new ChatHistory(t.store.database(), () => t.clock.now()),
    };
  });
  after(() => t.cleanup());

  it('answers counts and costs from the store and sends only counts, keys and mentioned names', async () => {
    const count = await runAskTurn(deps, 'how many running VMs are there in us-east-1?');
    assert.equal(count.json.intent.action, 'count');
    assert.equal(count.json.targets.length, 3);
    assert.match(count.json.answer, /^You have 3 compute\.instance resources/);
    const cost = await runAskTurn(deps, 'what do the dev VMs cost?');
    assert.match(cost.json.answer, /cost \$50\.00 a month/);
    const describe = await runAskTurn(deps, 'tell me about web-1, my password is hunter2-secret');
    assert.deepEqual(
      describe.json.targets.map((r) => r.name),
      ['web-1'],
    );

    const sent = JSON.stringify(server.bodies);
    assert.ok(!sent.includes(TAG_SECRET), 'no tag value');
    assert.ok(!sent.includes(HIDDEN_NAME), 'no name the user did not mention');
    assert.ok(!sent.includes('hunter2-secret'), 'the pasted secret is scrubbed');
    assert.ok(!sent.includes('arn:aws'), 'no resource id');
    const last = server.bodies.at(-1)!;
    assert.deepEqual(last.context.names, ['web-1']);
    assert.deepEqual(last.context.tagKeys, ['env', 'owner']);
    assert.equal(last.context.resourceCount, 5);
  });

  it('carries the previous targets into "stop them" and "undo that" across turns', async () => {
    const session = deps.chat!.session({ fresh: true });
    const first = await runAskTurn(deps, 'list the running dev VMs in us-east-1', { sessionId: session });
    const ids = first.json.targets.map((r) => r.id).sort();
    assert.equal(ids.length, 2);
    const stop = await runAskTurn(deps, 'stop them', { sessionId: session });
    assert.equal(stop.followUp, true);
    assert.equal(stop.json.intent.action, 'stop');
    assert.deepEqual(stop.json.targets.map((r) => r.id).sort(), ids);
    // The VMs are stopped now: "undo that" still means those two, though "running" no longer fits.
    const sync = t.store.beginSync();
    t.store.replaceScope(
      testScope(),
      estate()
        .filter((r) => r.region === 'us-east-1')
        .map((r) => (ids.includes(r.id) ? { ...r, state: 'stopped' } : r)),
      sync,
    );
    t.store.finishSync(sync, { apiCalls: 0 });
    const undo = await runAskTurn(deps, 'undo that', { sessionId: session });
    assert.equal(undo.json.intent.action, 'start');
    assert.deepEqual(undo.json.targets.map((r) => r.id).sort(), ids);
    // What the server heard of the previous turn: its intent, never its targets.
    const previous = server.bodies.at(-1)!.previous;
    assert.equal(previous?.action, 'stop');
    assert.ok(!JSON.stringify(server.bodies.at(-1)).includes('arn:aws'));
    // Chat history keeps the digest, not the answer's components.
    const turns = deps.chat!.turns(session);
    assert.equal(turns.length, 3);
    assert.ok(turns.every((turn) => Buffer.byteLength(turn.digest) <= 300));
  });

  it('refreshes the estate summary after a sync changes the estate', async () => {
    const before = await runAskTurn(deps, 'count the VMs');
    assert.equal(server.bodies.at(-1)!.context.resourceCount, 5);
    const sync = t.store.beginSync();
    t.store.replaceScope(testScope({ region: 'eu-west-1' }), [], sync);
    t.store.finishSync(sync, { apiCalls: 0 });
    await runAskTurn(deps, 'count the VMs');
    assert.equal(server.bodies.at(-1)!.context.resourceCount, 4);
    assert.equal(before.json.targets.length, 5);
  });
});

describe('escher ask, playbook outcome feedback', () => {
  it('sends how past runs of each playbook ended, as counts only, and the ranking follows them', async (t) => {
    const temp = await openTempStore();
    t.after(() => temp.cleanup());
    const sync = temp.store.beginSync();
    temp.store.replaceScope(testScope(), [testInstance('web-1'), testInstance('web-2')], sync);
    temp.store.finishSync(sync, { apiCalls: 0 });
    const server = recorded();
    const deps: AskFlowDeps = {
      store: temp.store,
      server,
      redact: (text) => text,
      now: () => new Date(temp.clock.now()),
    };
    const first = await runAskTurn(deps, 'stop the VMs in us-east-1');
    assert.deepEqual(server.bodies.at(-1)!.outcomes, []);
    const chosen = first.json.plan.playbook!.id;

    // The chosen playbook failed on this machine three times, and another once succeeded.
    const db = temp.store.database();
    const runs: [string, string, string][] = [
      ['p1', chosen, 'failed'],
      ['p2', chosen, 'rolled-back'],
      ['p3', chosen, 'failed'],
      ['p4', chosen, 'cancelled'],
    ];
    const other = first.json.plan.alternatives[0]?.id;
    if (other) runs.push(['p5', other, 'succeeded']);
    for (const [plan, playbook, state] of runs) {
      db.prepare(
        "INSERT INTO plans (id, created_at, playbook_id, plan_hash, plan) VALUES (?, '2026-11-01', ?, 'h', '{}')",
      ).run(plan, playbook);
      db.prepare(
        "INSERT INTO executions (id, plan_id, state, created_at) VALUES (?, ?, ?, '2026-11-01')",
      ).run(`e-${plan}`, plan, state);
    }
    const second = await runAskTurn(deps, 'stop the VMs in us-east-1');
    const sent = server.bodies.at(-1)!.outcomes ?? [];
    assert.deepEqual(
      sent.find((o) => o.playbookId === chosen),
      { playbookId: chosen, successes: 0, failures: 3 },
      'cancelled runs say nothing about the playbook',
    );
    assert.ok(!JSON.stringify(sent).includes('e-p1') && !JSON.stringify(sent).includes('arn:aws'));
    const reasons = [second.json.plan.playbook, ...second.json.plan.alternatives]
      .filter((c) => c?.id === chosen)
      .map((c) => c!.reason)
      .join(' ');
    assert.match(reasons, /0 of 3 past runs succeeded/);
  });
});
