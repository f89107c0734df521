import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AskRequestSchema } from '@escher/protocol';
import { defaultAgents } from '../agents/default-agents.ts';
import { askBody, TEST_CATALOG } from '../server.testing.ts';
import { runAsk } from './run-ask.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const ask = (body: Parameters<typeof askBody>[0]) =>
  runAsk(defaultAgents(), TEST_CATALOG, AskRequestSchema.parse(askBody(body)), NOW).response;

describe('runAsk', () => {
  it('reads "stop them" against the previous turn and picks the playbook for it', () => {
    const first = ask({ request: 'list the dev VMs in us-east-1' });
    assert.equal(first.intent.action, 'list');
    const followUp = ask({ request: 'stop them', previous: first.intent });
    assert.equal(followUp.intent.action, 'stop');
    assert.equal(followUp.intent.resourceType, 'compute.instance');
    assert.equal(followUp.intent.region, 'us-east-1');
    assert.equal(followUp.intent.environment, 'dev');
    assert.equal(followUp.playbook?.id, 'stop-compute-instance');
    assert.equal(followUp.requiresApproval, true);
  });

  it('reads a request that stands alone without the previous turn, and writes every slot', () => {
    const previous = ask({ request: 'list the dev VMs in us-east-1' }).intent;
    const own = ask({ request: 'stop the prod databases in europe-west3', previous });
    assert.equal(own.intent.resourceType, 'database.instance');
    assert.equal(own.intent.environment, 'prod');
    assert.equal(own.intent.cloud, 'gcp');
    assert.equal(own.intent.account, null);
    assert.deepEqual(own.intent.names, []);
  });
});
