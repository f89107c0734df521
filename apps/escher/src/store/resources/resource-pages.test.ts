import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserError } from '@escher/protocol';
import { groupByScope, openTempStore, syntheticEstate, type TempStore } from '../testing/index.ts';

const ids = (resources: readonly { id: string }[]): string[] => resources.map((r) => r.id);

describe('reading resource listings a page at a time', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
    const syncId = temp.store.beginSync();
    for (const { scope, resources } of groupByScope(syntheticEstate({ count: 1_200 }))) {
      temp.store.replaceScope(scope, resources, syncId);
    }
    temp.store.finishSync(syncId, { apiCalls: 0 });
  });
  after(() => temp.cleanup());

  it('chunks: the same resources in the same order as listResources, a page at a time', () => {
    const { count, pages } = temp.store.resourceChunks({ cloud: 'aws' }, 250);
    const chunks = [...pages];
    const listed = temp.store.listResources({ cloud: 'aws' });
    assert.equal(count, listed.length);
    assert.ok(chunks.every((chunk) => chunk.length <= 250));
    assert.equal(chunks.length, Math.ceil(listed.length / 250));
    assert.deepEqual(ids(chunks.flat()), ids(listed));
  });

  it('chunks: offset and limit as listResources applies them', () => {
    const { count, pages } = temp.store.resourceChunks({ cloud: 'azure', offset: 10, limit: 120 }, 50);
    const listed = temp.store.listResources({ cloud: 'azure', offset: 10, limit: 120 });
    assert.equal(count, 120);
    assert.deepEqual(ids([...pages].flat()), ids(listed));
  });

  it('chunks: the count fixed at the call still holds when a resource goes away mid-read', () => {
    const { count, pages } = temp.store.resourceChunks({ cloud: 'gcp' }, 100);
    const first = pages.next().value!;
    // A sync between two pages removes every GCP resource of one scope.
    const victim = temp.store.listResources({ cloud: 'gcp' }).at(-1)!;
    const syncId = temp.store.beginSync();
    const scope = groupByScope([victim])[0]!.scope;
    temp.store.replaceScope(scope, [], syncId);
    temp.store.finishSync(syncId, { apiCalls: 0 });
    const rest = [...pages].flat();
    assert.equal(first.length + rest.length, count);
    assert.ok(ids(rest).includes(victim.id), 'listed as last known');
  });

  it('keyset pages: following next walks the whole listing once, in order', () => {
    const listed = temp.store.listResources({ type: 'compute.instance' });
    const walked: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = temp.store.pageResources({ type: 'compute.instance' }, 70, after);
      walked.push(...ids(page.resources));
      after = page.next;
      pages += 1;
    } while (after !== undefined);
    assert.deepEqual(walked, ids(listed));
    assert.equal(pages, Math.ceil(listed.length / 70));
  });

  it('keyset pages: a cursor that is not ours is a user error', () => {
    assert.throws(
      () => temp.store.pageResources({}, 10, 'not-a-cursor'),
      (error: unknown) => error instanceof UserError && error.code === 'invalid-cursor',
    );
  });
});
