import type {
  ContextSummary,
  Intent,
  PlanStep,
  PlaybookOutcome,
  PlaybookBrief,
  RankedPlaybook,
  UiComponent,
  ValidationFinding,
} from '@escher/protocol';

/** Which path understood a request. */
export type UnderstoodBy = 'parser' | 'fallback' | 'model';

export interface MasterInput {
  request: string;
  context: ContextSummary;
  /** "Now" for time phrases ("last 24 hours"), from the server's injected clock. */
  now: Date;
  /** Digests of earlier turns, newest last ("stop them" refers back). */
  conversation: readonly { request: string; digest: string }[];
}

export interface MasterResult {
  intent: Intent;
  understoodBy: UnderstoodBy;
  /** Said to the user when a path fell back ("the parser is not available"). */
  notes: string[];
  /** The parser's own certainty (0–1), when it gives one; the optional model is asked below a threshold. */
  confidence?: number;
  /** The parser's `slot: why` doubts, when it gives them: what the optional model is asked about. */
  unsure?: string[];
}

/** Master: request → intent (SPEC section 4). */
export type MasterAgent = (input: MasterInput) => MasterResult;

/** Where a candidate playbook comes from: the server's catalogues or the user's own. */
export type PlaybookSource = 'global' | 'tenant' | 'user';

export interface PlaybookCandidate {
  summary: PlaybookBrief;
  source: PlaybookSource;
}

export interface PlaybookInput {
  request: string;
  intent: Intent;
  candidates: readonly PlaybookCandidate[];
  outcomes: readonly PlaybookOutcome[];
}

/** Playbook: candidates → the best three, each with a reason in words. */
export type PlaybookAgent = (input: PlaybookInput) => RankedPlaybook[];

/** Operations: the chosen playbook's concrete steps for this intent. */
export type OperationsAgent = (input: { playbook: PlaybookBrief; intent: Intent }) => PlanStep[];

/** Validation: feasibility and safety findings, added to the client's own plan checks. */
export type ValidationAgent = (input: {
  intent: Intent;
  playbook: PlaybookBrief | null;
  context: ContextSummary;
}) => ValidationFinding[];

/** Everything the answer is made from, before the UI agent lays it out. */
export interface AnswerDraft {
  request: string;
  intent: Intent;
  understoodBy: UnderstoodBy;
  notes: readonly string[];
  context: ContextSummary;
  playbook: RankedPlaybook | null;
  alternatives: readonly RankedPlaybook[];
  steps: readonly PlanStep[];
  validation: readonly ValidationFinding[];
  requiresApproval: boolean;
}

/** UI: the answer as text chunks (streamed first) and a component tree. */
export type UiAgent = (draft: AnswerDraft) => { text: string[]; components: UiComponent[] };

/**
 * The five stateless agents of SPEC section 2. Each is a plain function of its input, injected
 * into `createServer`, so a model-backed Master or a tenant-specific ranker replaces one part
 * without touching the HTTP shell.
 */
export interface Agents {
  master: MasterAgent;
  playbook: PlaybookAgent;
  operations: OperationsAgent;
  validation: ValidationAgent;
  ui: UiAgent;
}
