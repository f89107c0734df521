import { parseIntent } from '@escher/knowledge';
import {
  buildDigest,
  canonicalIntent,
  MUTATING_ACTIONS,
  type AskRequest,
  type AskResponse,
} from '@escher/protocol';
import type { Agents, MasterResult, PlaybookCandidate } from '../agents/agents.ts';

const MUTATING: ReadonlySet<string> = new Set(MUTATING_ACTIONS);

/** The answer, plus the text in the chunks a stream sends first. */
export interface AskResult {
  response: AskResponse;
  textChunks: string[];
}

/**
 * A follow-up ("stop them", "only the ones in eu-west-1", "undo that") is read by the
 * deterministic grammar against the previous turn's intent; a turn that stands on its own goes to
 * the Master (and so to a model, when one is configured).
 */
function understand(agents: Agents, ask: AskRequest, now: Date): MasterResult {
  if (ask.previous) {
    const parsed = parseIntent(ask.request, {
      now,
      knownNames: ask.context.names,
      previous: ask.previous,
    });
    if (parsed.followUp) return { intent: parsed.intent, understoodBy: 'parser', notes: [] };
  }
  return agents.master({
    request: ask.request,
    context: ask.context,
    now,
    conversation: ask.conversation,
  });
}

/**
 * One request through the five agents: Master → Playbook (server catalogue + the user's own)
 * → Operations → Validation → UI, then the digest. Pure over its inputs: nothing is kept.
 */
export function runAsk(
  agents: Agents,
  catalog: readonly PlaybookCandidate[],
  ask: AskRequest,
  now: Date,
): AskResult {
  const { intent, understoodBy, notes } = understand(agents, ask, now);
  const candidates: PlaybookCandidate[] = [
    ...catalog,
    ...ask.playbooks.map((summary) => ({ summary, source: 'user' as const })),
  ];
  const ranked = agents.playbook({ request: ask.request, intent, candidates, outcomes: ask.outcomes });
  const chosen = ranked[0] ?? null;
  const summary = chosen ? (candidates.find((c) => c.summary.id === chosen.id)?.summary ?? null) : null;
  const steps = summary ? agents.operations({ playbook: summary, intent }) : [];
  const validation = agents.validation({ intent, playbook: summary, context: ask.context });
  const requiresApproval = MUTATING.has(intent.action) && chosen !== null;
  const { text, components } = agents.ui({
    request: ask.request,
    intent,
    understoodBy,
    notes,
    context: ask.context,
    playbook: chosen,
    alternatives: ranked.slice(1),
    steps,
    validation,
    requiresApproval,
  });
  const answer = text.join(' ');
  return {
    textChunks: text,
    response: {
      request: ask.request,
      intent: canonicalIntent(intent),
      understoodBy,
      answer,
      playbook: chosen,
      alternatives: ranked.slice(1),
      steps,
      risk: chosen?.risk ?? null,
      requiresApproval,
      validation,
      components,
      digest: buildDigest(answer, components),
    },
  };
}
