import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '@escher/protocol';
import type { ResourceChange } from '../store/store.types.ts';
import { describeFieldChange, netChanges, parseSince } from './resource-changes.ts';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('parseSince', () => {
  it('reads durations ago and ISO times', () => {
    assert.equal(parseSince('30m', NOW), NOW - 30 * 60_000);
    assert.equal(parseSince('2h', NOW), NOW - 2 * 3_600_000);
    assert.equal(parseSince('7d', NOW), NOW - 7 * 86_400_000);
    assert.equal(parseSince(' 2W ', NOW), NOW - 14 * 86_400_000);
    assert.equal(parseSince('2026-11-21T09:00:00Z', NOW), Date.UTC(2026, 10, 21, 9));
    assert.equal(parseSince('2026-11-20', NOW), Date.UTC(2026, 10, 20));
  });

  it('refuses anything else with a hint', () => {
    for (const text of ['yesterday', '2 hours', '-2h', '1700000000', '2026-13-45']) {
      assert.throws(
        () => parseSince(text, NOW),
        (e: unknown) =>
          e instanceof UserError && e.code === 'since-invalid' && /--changed-since 2h/.test(e.hint ?? ''),
        text,
      );
    }
  });
});

describe('netChanges', () => {
  const change = (
    resourceId: string,
    kind: ResourceChange['kind'],
    syncId: number,
    fields: string[] = [],
  ): ResourceChange => ({
    resourceId,
    kind,
    syncId,
    at: new Date(NOW + syncId).toISOString(),
    ...(kind === 'changed' ? { changes: fields.map((field) => ({ field, before: 1, after: 2 })) } : {}),
  });

  it('folds a feed into one net change per resource', () => {
    const net = netChanges([
      change('a', 'added', 1),
      change('b', 'changed', 1, ['state']),
      change('a', 'changed', 2, ['state']),
      change('b', 'changed', 2, ['tags.owner', 'state']),
      change('c', 'removed', 2),
      change('d', 'removed', 2),
      change('d', 'added', 3),
    ]);
    assert.deepEqual(
      net.map((n) => [n.resourceId, n.kind, n.fields, n.at]),
      [
        ['a', 'added', undefined, new Date(NOW + 2).toISOString()],
        ['b', 'changed', ['state', 'tags.owner'], new Date(NOW + 2).toISOString()],
        ['c', 'removed', undefined, new Date(NOW + 2).toISOString()],
        ['d', 'added', undefined, new Date(NOW + 3).toISOString()],
      ],
    );
  });
});

describe('describeFieldChange', () => {
  it('says before → after, + added and − removed, briefly', () => {
    assert.equal(
      describeFieldChange({ field: 'state', before: 'running', after: 'stopped' }),
      'state: running → stopped',
    );
    assert.equal(describeFieldChange({ field: 'tags.owner', after: 'ana' }), 'tags.owner: + ana');
    assert.equal(describeFieldChange({ field: 'tags.owner', before: 'ana' }), 'tags.owner: − ana');
    assert.equal(
      describeFieldChange({ field: 'attributes.size', before: 8, after: 16 }),
      'attributes.size: 8 → 16',
    );
    assert.equal(
      describeFieldChange({
        field: 'relationships',
        before: [{ kind: 'in-vpc', targetId: 'v' }],
        after: [],
      }),
      'relationships: [1 relationship] → [0 relationships]',
    );
    assert.match(
      describeFieldChange({ field: 'attributes.note', after: 'x'.repeat(100) }),
      /^attributes\.note: \+ x{57}…$/,
    );
  });
});
