import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coerceParamText,
  resolveParams,
  validateParamValue,
  type PlaybookParameters,
} from './param-schema.ts';

const parameters: PlaybookParameters = {
  properties: {
    size: { type: 'string', pattern: '^[a-z0-9]+\\.[a-z0-9]+$' },
    count: { type: 'integer', minimum: 1, maximum: 10, default: 2 },
    force: { type: 'boolean' },
    keys: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
    tags: { type: 'object', additionalProperties: { type: 'string', maxLength: 5 } },
    mode: { type: 'string', enum: ['fast', 'safe'] },
  },
  required: ['size'],
};

describe('parameter values against their JSON Schema', () => {
  it('fills defaults and accepts good values', () => {
    const { values, problems } = resolveParams(parameters, {
      size: 't3.large',
      keys: ['a'],
      tags: { env: 'prod' },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(values, { size: 't3.large', keys: ['a'], tags: { env: 'prod' }, count: 2 });
  });

  it('names every bad value', () => {
    const { problems } = resolveParams(parameters, {
      count: 11,
      force: 'yes',
      keys: ['a', 'a', ''],
      tags: { env: 'production' },
      mode: 'reckless',
      extra: 1,
    });
    const byPath = problems.map((p) => `${p.path.join('.')}: ${p.message}`).sort();
    assert.deepEqual(byPath, [
      'count: must be ≤ 10',
      'extra: is not a parameter of this playbook (it takes size, count, force, keys, tags, mode)',
      'force: must be a boolean',
      'keys.2: must be at least 1 characters',
      'keys: must not repeat items',
      'mode: must be one of "fast", "safe"',
      'size: is required',
      'tags.env: must be at most 5 characters',
    ]);
  });

  it('converts command-line text to the declared type', () => {
    const { values, problems } = resolveParams(
      parameters,
      { size: 'm5.xlarge', count: '3', force: 'true', keys: 'a,b', tags: '{"env":"dev"}' },
      { fromText: true },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(values, {
      size: 'm5.xlarge',
      count: 3,
      force: true,
      keys: ['a', 'b'],
      tags: { env: 'dev' },
    });
    assert.equal(coerceParamText({ type: 'integer' }, 'three'), 'three');
    assert.deepEqual(validateParamValue({ type: 'integer' }, 2.5), [
      { path: [], message: 'must be an integer' },
    ]);
  });
});
