import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidPageToken, paginate } from './paginate.ts';

const all = Array.from({ length: 23 }, (_, i) => i);

function walk(
  faults: Parameters<typeof paginate>[2],
  requested?: number,
): { items: number[]; pages: number; empty: number } {
  const items: number[] = [];
  let token: string | undefined;
  let pages = 0;
  let empty = 0;
  do {
    const page = paginate(all, { token, requested, defaultSize: 10, maxSize: 1000 }, faults);
    pages++;
    if (page.items.length === 0) empty++;
    items.push(...page.items);
    token = page.nextToken;
  } while (token && pages < 100);
  return { items, pages, empty };
}

describe('paginate', () => {
  it('walks every item exactly once with the default and requested sizes', () => {
    assert.deepEqual(walk({}).items, all);
    const five = walk({}, 5);
    assert.deepEqual(five.items, all);
    assert.equal(five.pages, 5);
  });

  it('caps pages under the small-page fault', () => {
    const small = walk({ maxPageSize: 2 }, 100);
    assert.deepEqual(small.items, all);
    assert.equal(small.pages, 12);
  });

  it('serves empty pages that still carry a token, and never loops on them', () => {
    const result = walk({ maxPageSize: 3, emptyPageEvery: 2 });
    assert.deepEqual(result.items, all);
    assert.ok(result.empty >= 3, `expected empty pages, got ${result.empty}`);
  });

  it('rejects tokens it did not issue', () => {
    assert.throws(
      () => paginate(all, { token: 'garbage!', defaultSize: 5, maxSize: 5 }, {}),
      InvalidPageToken,
    );
  });
});
