import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPERATION_PARAMS, renderValue, type OperationId } from '@escher/protocol';
import { builtinPlaybooks } from './playbook-library.ts';

/** A value a user could pass for a playbook parameter, by its name and JSON-schema type. */
function sample(name: string, schema: { type?: string }): unknown {
  if (name === 'size') return 'large';
  if (schema.type === 'object') return { owner: 'payments' };
  if (schema.type === 'array') return ['owner'];
  if (schema.type === 'integer' || schema.type === 'number') return 3;
  if (schema.type === 'boolean') return true;
  return 'before the change';
}

// One params schema per operation (docs/operation-params.md): the library is written once for
// every cloud, so each structured step, rendered with the user's values, must fit it.
describe('the built-in library against the catalogue params', () => {
  it("renders every structured step, with and without optional params, into the operation's one schema", () => {
    let checked = 0;
    for (const { playbook } of builtinPlaybooks()) {
      const props = (playbook.parameters?.properties ?? {}) as Record<string, { type?: string }>;
      const required = new Set(playbook.parameters?.required ?? []);
      const all = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, sample(k, s)]));
      const minimal = Object.fromEntries(Object.entries(all).filter(([k]) => required.has(k)));
      for (const params of [all, minimal]) {
        for (const step of playbook.steps) {
          if (!('action' in step)) continue;
          const input = renderValue(step.input ?? {}, { target: { tags: {}, attributes: {} }, params });
          const parsed = OPERATION_PARAMS[step.action as OperationId].safeParse(input);
          assert.ok(
            parsed.success,
            `${playbook.id} step ${step.id} (${step.action}) with ${JSON.stringify(params)}: ${parsed.error?.message ?? ''}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked >= 100, `${checked} rendered steps checked`);
  });
});
