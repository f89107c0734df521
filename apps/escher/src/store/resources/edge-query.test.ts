import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTempStore, testInstance, testScope } from '../testing/temp-store.ts';

const scope = testScope();
const edgesTo = (ids: string[], incoming: { sourceId: string; kind: string; targetId: string }[]): string[] =>
  incoming.filter((e) => ids.includes(e.targetId)).map((e) => `${e.sourceId} ${e.kind} ${e.targetId}`);

// Ordered by source, then target, then kind.
test('reverse lookups follow every write: added, changed and removed relationships, and removed sources', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const volume = testInstance('vol');
  const sg = testInstance('sg');
  const web = testInstance('web', {
    relationships: [
      { kind: 'attached-to', targetId: volume.id },
      { kind: 'member-of', targetId: sg.id },
    ],
  });
  const api = testInstance('api', { relationships: [{ kind: 'member-of', targetId: sg.id }] });

  store.replaceScope(scope, [volume, sg, web, api], store.beginSync());
  const edges = store.edges();
  assert.deepEqual(edgesTo([sg.id, volume.id], edges.incoming([sg.id, volume.id])), [
    `${api.id} member-of ${sg.id}`,
    `${web.id} member-of ${sg.id}`,
    `${web.id} attached-to ${volume.id}`,
  ]);
  assert.deepEqual(edges.incoming([]), []);

  // web leaves the security group; api is gone from the cloud.
  const webMoved = { ...web, relationships: [{ kind: 'attached-to', targetId: volume.id }] };
  store.replaceScope(scope, [volume, sg, webMoved], store.beginSync());
  assert.deepEqual(edgesTo([sg.id], store.edges().incoming([sg.id])), []);
  assert.deepEqual(edgesTo([volume.id], store.edges().incoming([volume.id])), [
    `${web.id} attached-to ${volume.id}`,
  ]);

  // api comes back: its edge is live again.
  store.replaceScope(scope, [volume, sg, webMoved, api], store.beginSync());
  assert.deepEqual(edgesTo([sg.id], store.edges().incoming([sg.id])), [`${api.id} member-of ${sg.id}`]);
});

test('ids JSON must escape are looked up exactly', async (t) => {
  const { store, cleanup } = await openTempStore();
  t.after(cleanup);
  const odd = testInstance('odd', { id: 'arn:aws:ec2:us-east-1:1:security-group/"sg\\1' });
  const user = testInstance('user', { relationships: [{ kind: 'member-of', targetId: odd.id }] });
  store.replaceScope(scope, [odd, user], store.beginSync());
  assert.deepEqual(
    store
      .edges()
      .incoming([odd.id])
      .map((e) => e.sourceId),
    [user.id],
  );
});
