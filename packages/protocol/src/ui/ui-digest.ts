import { walkComponents, type UiComponent } from './ui-component.schema.ts';

/** Chat history keeps at most this many UTF-8 bytes per answer (SPEC section 2). */
export const DIGEST_MAX_BYTES = 300;

const encoder = new TextEncoder();

/**
 * The short digest of an answer that chat history stores instead of the full component tree
 * (SPEC section 2): the answer's first sentence, then the facts a follow-up turn needs ("stop
 * them" must know what "them" was): the chosen playbook, risk, alerts, errors. Always at most
 * `DIGEST_MAX_BYTES` bytes of UTF-8, cut on a character boundary with an ellipsis.
 *
 * @example
 * buildDigest('I would stop 3 VMs.', [{ type: 'badge', label: 'prod', tone: 'danger' }]);
 * // 'I would stop 3 VMs. | badge prod'
 */
export function buildDigest(answer: string, components: readonly UiComponent[]): string {
  const facts: string[] = [];
  for (const c of walkComponents(components)) {
    const fact = factOf(c);
    if (fact && !facts.includes(fact)) facts.push(fact);
  }
  const first = firstSentence(answer);
  return truncateUtf8([first, ...facts].filter((part) => part !== '').join(' | '), DIGEST_MAX_BYTES);
}

function factOf(c: UiComponent): string | undefined {
  switch (c.type) {
    case 'playbook-card':
      return c.chosen ? `playbook ${c.playbookId}@${c.version}` : undefined;
    case 'plan-review':
      return `risk ${c.risk}${c.requiresApproval ? ', needs approval' : ''}, ${c.steps.length} step(s)`;
    case 'resource-list':
      return c.expectedCount === undefined ? 'targets listed' : `~${c.expectedCount} target(s)`;
    case 'alert-list':
      return `${c.alerts.length} alert(s)`;
    case 'error':
      return `error ${c.code}`;
    case 'badge':
      return `badge ${c.label}`;
    case 'confirmation-prompt':
      return 'awaiting confirmation';
    default:
      return undefined;
  }
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** Cuts text to at most `maxBytes` bytes of UTF-8 without splitting a character, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  const ellipsis = '…';
  const budget = maxBytes - encoder.encode(ellipsis).length;
  let out = '';
  let used = 0;
  // Iterating a string yields whole code points, so surrogate pairs are never split.
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (used + size > budget) break;
    out += char;
    used += size;
  }
  return `${out}${ellipsis}`;
}
