import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testInstance } from '../testing/temp-store.ts';
import { diffResources } from './resource-diff.ts';

test('the diff names each changed field, tag and nested attribute', () => {
  const before = testInstance('web-1', {
    tags: { env: 'dev', owner: 'ana', team: 'web' },
    attributes: { size: 't3.micro', network: { publicIp: '54.1.2.3', vpc: 'vpc-1' } },
    relationships: [{ kind: 'attached-volume', targetId: 'vol-1' }],
  });
  const after = testInstance('web-1', {
    state: 'stopped',
    tags: { env: 'dev', owner: 'bo', cost: 'cc-1' },
    attributes: { size: 't3.large', network: { vpc: 'vpc-1' } },
    relationships: [{ kind: 'attached-volume', targetId: 'vol-2' }],
  });
  assert.deepEqual(diffResources(before, after), [
    { field: 'state', before: 'running', after: 'stopped' },
    { field: 'tags.owner', before: 'ana', after: 'bo' },
    { field: 'tags.team', before: 'web' },
    { field: 'tags.cost', after: 'cc-1' },
    { field: 'attributes.size', before: 't3.micro', after: 't3.large' },
    { field: 'attributes.network.publicIp', before: '54.1.2.3' },
    {
      field: 'relationships',
      before: [{ kind: 'attached-volume', targetId: 'vol-1' }],
      after: [{ kind: 'attached-volume', targetId: 'vol-2' }],
    },
  ]);
});

test('key order alone is no change', () => {
  const before = testInstance('a', { tags: { a: '1', b: '2' }, attributes: { x: { p: 1, q: [1, 2] } } });
  const after = testInstance('a', { tags: { b: '2', a: '1' }, attributes: { x: { q: [1, 2], p: 1 } } });
  assert.deepEqual(diffResources(before, after), []);
});
