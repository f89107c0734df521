import { parseIntent } from '@escher/knowledge';
import {
  canonicalIntent,
  MUTATING_ACTIONS,
  type AskResponse,
  type CanonicalIntent,
  type Intent,
  type Plan,
  type PlaybookBrief,
  type Resource,
} from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import type { AskServerClient } from './ask-server-client.ts';
import type { ChatHistory } from './chat-history.ts';
import { estateContext } from './estate-context.ts';
import { playbookOutcomes } from './playbook-outcomes.ts';
import { READ_ACTIONS, readAnswer } from './read-answer.ts';
import { resolveTargets, type TargetSource } from './resolve-targets.ts';
import { scrubRequest } from './scrub-request.ts';

const MUTATING: ReadonlySet<string> = new Set(MUTATING_ACTIONS);

/** A playbook choice as `escher ask --json` prints it. */
export interface AskPlaybookChoice {
  id: string;
  name: string;
  reason: string;
}

/** `escher ask "…" --dry-run --json`: exactly SPEC section 7's shape. */
export interface AskJson {
  request: string;
  intent: CanonicalIntent;
  targets: Resource[];
  plan: {
    playbook: AskPlaybookChoice | null;
    alternatives: AskPlaybookChoice[];
    steps: AskPlanStep[];
    risk: string | null;
    requiresApproval: boolean;
    validation: { level: 'info' | 'warn' | 'error'; message: string }[];
  };
  answer: string;
}

/** One step of one target, rendered (from the engine's stored plan). */
export interface AskPlanStep {
  target: string;
  id: string;
  name?: string;
  run: Plan['targets'][number]['steps'][number]['run'];
}

/** A stored, hashed plan from the engine (the same one `escher run` makes). */
export interface PlannedChange {
  plan: Plan;
  hash: string;
  executionId: string;
}

/** Builds the engine's plan for a chosen playbook over resolved targets. */
export type AskPlanner = (input: {
  playbookId: string;
  intent: Intent;
  targets: readonly Resource[];
}) => Promise<PlannedChange>;

export interface AskFlowDeps {
  store: TargetSource & { database(): SqliteDatabase };
  server: AskServerClient;
  /** The vault's redactor: what it changes never leaves the machine. */
  redact: (text: string) => string;
  now: () => Date;
  chat?: ChatHistory;
  planner?: AskPlanner;
  /** The user's own playbooks, as briefs for the Playbook agent. */
  playbooks?: readonly PlaybookBrief[];
}

export interface AskFlowOptions {
  /** Chat session to continue; without one the turn stands alone. */
  sessionId?: string;
}

/** Everything one `escher ask` turn produced. */
export interface AskOutcome {
  json: AskJson;
  response: AskResponse;
  planned?: PlannedChange;
  /** The turn was read against the previous one ("stop them"). */
  followUp: boolean;
}

/**
 * One turn of `escher ask` on the client (issue 6): scrub the request, summarise the estate
 * (counts and vocabularies only), ask the server for the intent, ranked playbooks and findings,
 * resolve the targets LOCALLY, then answer a read action from the store or have the engine plan
 * a change. The server never sees a resource, a tag value or a credential.
 */
export async function runAskTurn(
  deps: AskFlowDeps,
  rawRequest: string,
  options: AskFlowOptions = {},
): Promise<AskOutcome> {
  const request = scrubRequest(rawRequest, deps.redact);
  const history = deps.chat && options.sessionId ? deps.chat.turns(options.sessionId) : [];
  const last = history.at(-1);
  const isSecret = (text: string): boolean => deps.redact(text) !== text;
  const context = estateContext(deps.store.database(), request, isSecret);
  const response = await deps.server.ask({
    request,
    context,
    conversation: history.map((t) => ({ request: t.request, digest: t.digest })),
    playbooks: [...(deps.playbooks ?? [])],
    outcomes: playbookOutcomes(deps.store.database()),
    ...(last?.intent ? { previous: canonicalIntent(last.intent) } : {}),
  });
  const intent = response.intent;
  const followUp =
    last?.intent !== undefined &&
    parseIntent(request, { now: deps.now(), knownNames: context.names, previous: last.intent }).followUp ===
      true;
  const targets = followUp
    ? resolveTargets(deps.store, narrowing(intent, request, deps.now()), last!.targetIds)
    : resolveTargets(deps.store, intent);

  const validation = response.validation.map((f) => ({ level: f.level, message: f.message }));
  let planned: PlannedChange | undefined;
  let answer = response.answer;
  if (READ_ACTIONS.has(intent.action)) {
    answer = readAnswer(intent, targets);
  } else if (MUTATING.has(intent.action)) {
    if (targets.length === 0) {
      validation.push({ level: 'error', message: 'Nothing in your estate matches; nothing to change.' });
    } else if (response.playbook && deps.planner) {
      planned = await deps.planner({ playbookId: response.playbook.id, intent, targets });
      for (const f of planned.plan.findings) {
        validation.push({ level: f.severity === 'error' ? 'error' : 'warn', message: f.message });
      }
    }
    answer = changeAnswer(response, targets, planned);
  }
  const json: AskJson = {
    request,
    intent: canonicalIntent(intent),
    targets,
    plan: {
      playbook: choice(response.playbook),
      alternatives: response.alternatives.map((a) => choice(a)!),
      steps: planned ? stepsOf(planned.plan) : [],
      risk: planned?.plan.risk ?? response.risk,
      requiresApproval: MUTATING.has(intent.action) && response.playbook !== null,
      validation,
    },
    answer,
  };
  if (deps.chat && options.sessionId) {
    deps.chat.record(options.sessionId, {
      request,
      digest: response.digest,
      intent,
      targetIds: targets.map((t) => t.id),
    });
  }
  return { json, response, followUp, ...(planned ? { planned } : {}) };
}

/**
 * A follow-up acts on the previous targets; its state slot came from the previous turn's words
 * ("stop the running VMs"), which no longer describe them once changed, so only a state the new
 * turn says itself ("only the stopped ones") narrows.
 */
function narrowing(intent: Intent, request: string, now: Date): Intent {
  const own = parseIntent(request, { now }).intent;
  return { ...intent, state: own.state };
}

function choice(p: AskResponse['playbook']): AskPlaybookChoice | null {
  return p ? { id: p.id, name: p.name, reason: p.reason } : null;
}

function stepsOf(plan: Plan): AskPlanStep[] {
  return plan.targets.flatMap((t) =>
    t.steps.map((s) => ({ target: t.id, id: s.id, ...(s.name ? { name: s.name } : {}), run: s.run })),
  );
}

function changeAnswer(response: AskResponse, targets: readonly Resource[], planned?: PlannedChange): string {
  const pb = response.playbook;
  if (!pb) return response.answer;
  const n = planned ? planned.plan.targets.length : targets.length;
  const skipped =
    planned && planned.plan.skipped.length > 0 ? ` (${planned.plan.skipped.length} skipped)` : '';
  return `${response.answer} ${pb.name} would ${response.intent.action} ${n} target${n === 1 ? '' : 's'}${skipped}.`.trim();
}
