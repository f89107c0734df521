import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  UI_COMPONENT_TYPES,
  UI_MAX_DEPTH,
  UiComponentSchema,
  type UiComponent,
} from './ui-component.schema.ts';
import { buildDigest, DIGEST_MAX_BYTES, truncateUtf8 } from './ui-digest.ts';

const bytes = (s: string): number => new TextEncoder().encode(s).length;

describe('the UI component vocabulary', () => {
  it('has at least 20 component types, each with a distinct name', () => {
    assert.ok(UI_COMPONENT_TYPES.length >= 20, `${UI_COMPONENT_TYPES.length}`);
    assert.equal(new Set(UI_COMPONENT_TYPES).size, UI_COMPONENT_TYPES.length);
  });

  it('accepts a nested answer and refuses unknown types, unknown fields and unsafe links', () => {
    const answer: UiComponent = {
      type: 'tabs',
      tabs: [
        {
          label: 'Plan',
          children: [
            { type: 'badge', label: 'prod', tone: 'danger' },
            {
              type: 'playbook-card',
              playbookId: 'stop-compute-instance',
              name: 'Stop VMs',
              version: '1.0.0',
              risk: 'medium',
              reason: 'It stops compute.instance.',
              score: 0.9,
              chosen: true,
              actions: [
                { kind: 'execute-playbook', label: 'Plan this', playbookId: 'stop-compute-instance' },
              ],
            },
          ],
        },
      ],
    };
    assert.ok(UiComponentSchema.safeParse(answer).success);
    assert.ok(!UiComponentSchema.safeParse({ type: 'iframe', src: 'https://x' }).success);
    assert.ok(!UiComponentSchema.safeParse({ type: 'text', text: 'hi', html: '<b>' }).success);
    const link = (href: string) =>
      UiComponentSchema.safeParse({ type: 'action-button', action: { kind: 'open-url', label: 'Go', href } })
        .success;
    assert.ok(link('https://example.com/docs'));
    assert.ok(!link('javascript:alert(1)'));
  });

  it(`refuses containers nested deeper than ${UI_MAX_DEPTH} levels`, () => {
    let tree: UiComponent = { type: 'text', text: 'leaf' };
    for (let i = 0; i < UI_MAX_DEPTH; i += 1) tree = { type: 'section', children: [tree] };
    assert.ok(!UiComponentSchema.safeParse(tree).success);
  });
});

describe('buildDigest', () => {
  it('keeps the first sentence and the facts a follow-up needs', () => {
    const digest = buildDigest('You asked to stop 3 VMs. More words follow here.', [
      {
        type: 'plan-review',
        playbookId: 'stop-compute-instance',
        risk: 'medium',
        requiresApproval: true,
        steps: [{ id: 'stop', title: 'stop' }],
        targetsBind: 'targets',
      },
      {
        type: 'playbook-card',
        playbookId: 'stop-compute-instance',
        name: 'Stop',
        version: '1.2.0',
        risk: 'medium',
        reason: 'r',
        score: 1,
        chosen: true,
        actions: [],
      },
    ]);
    assert.equal(
      digest,
      'You asked to stop 3 VMs. | risk medium, needs approval, 1 step(s) | playbook stop-compute-instance@1.2.0',
    );
  });

  it(`never exceeds ${DIGEST_MAX_BYTES} bytes, even in multi-byte text, and never splits a character`, () => {
    const long = `${'Ünïcödé 🚀 '.repeat(100)}.`;
    const digest = buildDigest(long, [{ type: 'error', code: 'x'.repeat(90), message: 'm' }]);
    assert.ok(bytes(digest) <= DIGEST_MAX_BYTES, `${bytes(digest)}`);
    assert.ok(digest.endsWith('…'));
    assert.ok(!digest.includes('\uFFFD'));
    assert.equal(truncateUtf8('short', 300), 'short');
    assert.equal(bytes(truncateUtf8('🚀'.repeat(100), 10)), 7);
  });
});
