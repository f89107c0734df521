import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canTransition,
  PLAYBOOK_RUN_POLICY,
  PLAYBOOK_STATES,
  PLAYBOOK_TRANSITIONS,
} from './playbook-lifecycle.ts';

describe('playbook lifecycle', () => {
  it('walks the happy path draft → review → testing → ready → active, and pauses and resumes', () => {
    const path = ['draft', 'review', 'testing', 'ready', 'active', 'suspended', 'active'] as const;
    for (let i = 1; i < path.length; i += 1)
      assert.ok(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
  });

  it('refuses shortcuts to active, and moving out of deleted', () => {
    for (const from of ['draft', 'review', 'testing', 'failed', 'archived', 'deleted'] as const) {
      assert.equal(canTransition(from, 'active'), false, `${from} → active`);
    }
    assert.deepEqual(PLAYBOOK_TRANSITIONS.deleted, []);
  });

  it('lets every live state be deprecated, then archived, then deleted', () => {
    for (const from of PLAYBOOK_STATES.filter((s) => !['deprecated', 'archived', 'deleted'].includes(s))) {
      assert.ok(canTransition(from, 'deprecated'), `${from} → deprecated`);
    }
    assert.ok(canTransition('deprecated', 'archived') && canTransition('archived', 'deleted'));
  });

  it('lets only active run unattended', () => {
    assert.deepEqual(
      PLAYBOOK_STATES.filter((s) => PLAYBOOK_RUN_POLICY[s] === 'unattended'),
      ['active'],
    );
  });
});
