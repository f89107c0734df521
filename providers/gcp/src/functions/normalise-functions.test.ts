import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveEnvironment, ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseCloudFunction } from './normalise-cloud-function.ts';
import { normaliseFunction } from './normalise-function.ts';

const fixture = loadSimRecords(import.meta.url);
const DEPRECATED = new Set([
  'nodejs10',
  'nodejs12',
  'nodejs14',
  'python37',
  'python38',
  'go113',
  'ruby27',
  'php74',
  'dotnet3',
]);

describe('Cloud Functions normalisers on simulator records', () => {
  it('v1 (1st gen): runtime, state and native type', () => {
    for (const { project, nativeId, checks, record } of fixture['functionsV1']!) {
      const r = normaliseCloudFunction(record, project, '2025-01-01T00:00:00.000Z');
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(r.nativeType, 'cloudfunctions.googleapis.com/CloudFunction');
      assert.equal(
        DEPRECATED.has(String(r.attributes['runtime'])),
        checks.includes('serverless.function.deprecated-runtime'),
      );
      assert.equal(r.state, 'available');
      assert.equal(r.createdAt, '2025-01-01T00:00:00.000Z');
      assert.equal(r.environment, deriveEnvironment(r.tags, r.name));
    }
  });

  it('v2: both generations, the same ids and runtimes as v1', () => {
    const v1 = new Map(
      fixture['functionsV1']!.map((e) => [e.nativeId, normaliseCloudFunction(e.record, e.project)]),
    );
    for (const { project, nativeId, checks, record } of fixture['functionsV2']!) {
      const r = normaliseFunction(record, project);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(
        DEPRECATED.has(String(r.attributes['runtime'])),
        checks.includes('serverless.function.deprecated-runtime'),
      );
      const gen1 = v1.get(nativeId);
      assert.equal(
        r.nativeType,
        gen1 ? 'cloudfunctions.googleapis.com/CloudFunction' : 'cloudfunctions.googleapis.com/Function',
      );
      if (gen1) assert.equal(r.attributes['runtime'], gen1.attributes['runtime']);
      assert.ok(typeof r.attributes['memoryMb'] === 'number' && r.createdAt);
    }
  });
});
