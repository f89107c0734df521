import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALLOWED_COMMANDS,
  EscherError,
  OPERATION_CATALOG,
  OPERATION_IDS,
  OPERATION_REVERSIBILITY,
  RESOURCE_TYPES,
  renderArgv,
  type CommandStep,
  type OperationId,
} from '@escher/protocol';
import {
  BUILTIN_LIBRARY_DIR,
  builtinPlaybooks,
  playbookFiles,
  readPlaybookFile,
} from './playbook-library.ts';

const library = builtinPlaybooks();
const byId = new Map(library.map((b) => [b.playbook.id, b.playbook]));
const idFor = (action: string, type: string): string => `${action}-${type.replace('.', '-')}`;

/** Mutating built-ins whose change no normalised attribute shows on every cloud yet (see docs/playbooks.md). */
const WITHOUT_VERIFY = new Set(['backup-storage-bucket']);

describe('the built-in playbook library', () => {
  it('every file validates without a single warning, and ids match file names', () => {
    const files = playbookFiles(BUILTIN_LIBRARY_DIR);
    assert.equal(files.length, library.length);
    for (const file of files) {
      const parsed = readPlaybookFile(file);
      assert.deepEqual(parsed.problems, [], file);
      assert.ok(file.endsWith(`/${parsed.playbook?.id}.yaml`), file);
    }
  });

  it('covers every catalogue operation for every type it applies to', () => {
    const missing: string[] = [];
    for (const op of OPERATION_IDS) {
      const { type, action } = OPERATION_CATALOG[op];
      for (const t of type === '*' ? RESOURCE_TYPES : [type]) {
        const p = byId.get(idFor(action, t));
        if (!p) {
          missing.push(`${op} on ${t}`);
          continue;
        }
        assert.ok(
          p.steps.some((s) => 'action' in s && s.action === op),
          `${p.id} runs ${op}`,
        );
        assert.deepEqual([p.applicability.resourceTypes, p.applicability.actions], [[t], [action]], p.id);
      }
    }
    assert.deepEqual(missing, []);
    // 28 typed operations + tag and untag for 15 types.
    assert.equal(
      library.filter((b) => b.playbook.steps.some((s) => 'action' in s)).length,
      28 + 2 * RESOURCE_TYPES.length,
    );
  });

  it('verifies every change, and rolls back with the operation’s undo wherever there is one', () => {
    for (const { playbook: p } of library) {
      for (const step of p.steps) {
        if (!('action' in step)) continue;
        const reversible = OPERATION_REVERSIBILITY[step.action as OperationId];
        if (!WITHOUT_VERIFY.has(p.id)) assert.ok(step.verify, `${p.id}: ${step.id} has verify`);
        if (reversible === 'always') {
          assert.equal(step.rollback, 'auto', `${p.id}: ${step.id} rolls back`);
          assert.equal(step.onFailure, 'rollback', `${p.id}: ${step.id} rolls back on failure`);
        } else {
          assert.equal(step.rollback, undefined, `${p.id}: ${step.id} cannot roll back`);
        }
      }
    }
  });

  it('keeps deletes behind a smaller circuit breaker and only low-risk playbooks active', () => {
    for (const { playbook: p } of library) {
      if (p.applicability.actions.includes('delete')) {
        assert.ok(p.execution.maxTargets <= 20 && p.risk === 'high', p.id);
      }
      if (p.state === 'active') assert.equal(p.risk, 'low', p.id);
      assert.ok(['active', 'ready'].includes(p.state), p.id);
    }
  });

  it('includes command playbooks whose arguments hostile names cannot change', () => {
    const commands = library.filter((b) => b.playbook.steps.some((s) => 'command' in s));
    assert.ok(commands.length >= 4, commands.map((c) => c.playbook.id).join(', '));
    assert.ok(
      commands.some((c) => c.playbook.steps.some((s) => s.verify?.command)),
      'a command verify',
    );
    assert.ok(
      commands.some((c) => c.playbook.steps.some((s) => typeof s.rollback === 'object')),
      'a written-out rollback',
    );
    const hostile = '$(touch pwned); rm -rf ~ `id`\n--now';
    for (const { playbook: p } of commands) {
      const params = Object.fromEntries(Object.keys(p.parameters.properties).map((k) => [k, hostile]));
      const target = {
        name: hostile,
        nativeId: hostile,
        region: hostile,
        zone: hostile,
        account: hostile,
        attributes: { instanceId: hostile },
        tags: {},
      };
      for (const step of p.steps.filter((s): s is CommandStep => 'command' in s)) {
        assert.ok((ALLOWED_COMMANDS as readonly string[]).includes(step.command[0] as string));
        try {
          const argv = renderArgv(step.command, { target, params });
          assert.equal(argv.length, step.command.length, `${p.id}: ${step.id}`);
          assert.equal(argv[0], step.command[0]);
        } catch (error) {
          assert.ok(
            error instanceof EscherError && error.code === 'template-value-option-like',
            String(error),
          );
        }
      }
    }
  });
});
