import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntentSchema, type ContextSummary } from '@escher/protocol';
import { TEST_CATALOG } from '../server.testing.ts';
import { createMasterAgent } from './master.agent.ts';
import { createPlaybookAgent } from './playbook.agent.ts';
import { createValidationAgent } from './validation.agent.ts';

const context: ContextSummary = {
  resourceCount: 5,
  types: { 'compute.instance': 5 },
  clouds: { aws: 5 },
  regions: { 'us-east-1': 5 },
  environments: { prod: 5 },
  tagKeys: [],
  names: [],
  accounts: [],
};
const master = (parser: Parameters<typeof createMasterAgent>[0]) =>
  createMasterAgent(parser)({ request: 'stop prod vms', context, now: new Date(0), conversation: [] });

describe('Master agent', () => {
  it('falls back, and says so, when the parser throws or answers an invalid intent', () => {
    const thrown = master(() => {
      throw new RangeError('boom');
    });
    assert.equal(thrown.understoodBy, 'fallback');
    assert.match(thrown.notes[0] ?? '', /failed/);
    const invalid = master(() => ({ intent: { action: 'explode' } }));
    assert.equal(invalid.understoodBy, 'fallback');
    assert.equal(invalid.intent.action, 'stop');
    assert.equal(invalid.intent.environment, 'prod');
  });

  it("reads parseIntent's answer shape: { intent, confidence, unsure } with absent slots", () => {
    const result = master(() => ({
      intent: {
        action: 'stop',
        resourceType: 'compute.instance',
        environment: 'prod',
        tags: {},
        state: null,
      },
      confidence: 0.9,
      unsure: [],
    }));
    assert.equal(result.understoodBy, 'parser');
    assert.deepEqual(result.notes, []);
    assert.equal(result.intent.cloud ?? null, null);
    assert.deepEqual(result.intent.names ?? [], []);
  });
});

describe('Playbook agent', () => {
  const intent = IntentSchema.parse({ action: 'stop', resourceType: 'compute.instance' });
  const twin = {
    summary: { ...TEST_CATALOG[0]!.summary, id: 'acme.stop-vms', name: 'Acme stop VMs' },
    source: 'tenant' as const,
  };
  const rank = createPlaybookAgent();

  it('offers only playbooks that fit the action and type, with a reason', () => {
    const ranked = rank({ request: 'stop vms', intent, candidates: TEST_CATALOG, outcomes: [] });
    assert.deepEqual(
      ranked.map((p) => p.id),
      ['stop-compute-instance'],
    );
    assert.match(ranked[0]!.reason, /stops compute\.instance/);
  });

  it('moves a playbook down when its runs keep failing, and says why', () => {
    const candidates = [...TEST_CATALOG, twin];
    const outcomes = [
      { playbookId: 'stop-compute-instance', successes: 1, failures: 9 },
      { playbookId: 'acme.stop-vms', successes: 20, failures: 0 },
    ];
    const ranked = rank({ request: 'stop vms', intent, candidates, outcomes });
    assert.equal(ranked[0]!.id, 'acme.stop-vms');
    assert.match(ranked[0]!.reason, /20 of 20 past runs succeeded/);
  });
});

describe('Validation agent', () => {
  it('warns about production changes and refuses a change with no playbook', () => {
    const intent = IntentSchema.parse({
      action: 'stop',
      resourceType: 'compute.instance',
      environment: 'prod',
    });
    const codes = createValidationAgent()({ intent, playbook: null, context }).map(
      (f) => `${f.level}:${f.code}`,
    );
    assert.deepEqual(codes, ['warn:production-change', 'error:no-playbook']);
  });
});
