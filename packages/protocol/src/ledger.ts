import { z } from 'zod';

/**
 * The audit ledger's record shapes (SPEC sections 2 and 9): what the client writes, what
 * `escher audit list --json` prints and what `escher audit verify --json` answers. Each kind's
 * `data` names the fields every writer must give; extra fields are kept (and hashed), so a
 * kind can grow without a new version. Secrets never appear: the ledger redacts `data` before
 * hashing it.
 */

/** A SHA-256 digest, lowercase hex. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

const Id = z.string().min(1);
const Count = z.number().int().nonnegative();

/** First entry of every ledger: introduces the key that signs it, so verifying needs no secret. */
export const LedgerCreatedDataSchema = z.looseObject({
  algorithm: z.literal('ed25519'),
  /** The public key, SPKI DER, base64. */
  publicKey: z.string().min(1),
  keyId: Id,
});

export const PlanCreatedDataSchema = z.looseObject({
  planId: Id,
  planHash: Sha256HexSchema,
  playbookId: Id,
  targetCount: Count,
  risk: z.string().optional(),
  environment: z.string().optional(),
});

export const ApprovalDataSchema = z.looseObject({
  planId: Id,
  planHash: Sha256HexSchema,
  approver: Id,
  targetCount: Count,
  /** The Ed25519 approval signature (base64) bound to `planHash`, and the key that made it. */
  signature: z.string().min(1),
  keyId: Id,
});

export const ExecutionStartedDataSchema = z.looseObject({
  executionId: Id,
  planId: Id,
  planHash: Sha256HexSchema,
});

export const ExecutionFinishedDataSchema = z.looseObject({
  executionId: Id,
  status: z.enum(['succeeded', 'failed', 'cancelled', 'interrupted', 'rolled-back']),
  durationMs: Count.optional(),
});

export const StepStartedDataSchema = z.looseObject({
  executionId: Id,
  stepId: Id,
  target: z.string().optional(),
  attempt: z.number().int().positive().optional(),
});

export const StepFinishedDataSchema = z.looseObject({
  executionId: Id,
  stepId: Id,
  target: z.string().optional(),
  status: z.enum(['succeeded', 'failed', 'timed-out', 'cancelled', 'skipped']),
  /** The process exit status; null for structured steps or a process killed by a signal. */
  exitCode: z.number().int().nullable(),
  durationMs: Count.optional(),
});

export const ExecutionCancelledDataSchema = z.looseObject({
  executionId: Id,
  reason: z.string().optional(),
});

export const RollbackDataSchema = z.looseObject({
  executionId: Id,
  status: z.enum(['started', 'succeeded', 'failed']),
  stepId: z.string().optional(),
  reason: z.string().optional(),
});

export const SettingsChangedDataSchema = z.looseObject({
  setting: Id,
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});

export const ReportPublishedDataSchema = z.looseObject({
  reportId: Id,
  format: z.string().min(1),
  sha256: Sha256HexSchema,
});

export const AccountAddedDataSchema = z.looseObject({
  account: Id,
  cloud: z.string().min(1),
  credentialKind: z.string(),
  /** Names of the secret fields put in the vault; never their values. */
  secretFields: z.array(z.string()),
  endpoint: z.string().optional(),
});

export const AccountRemovedDataSchema = z.looseObject({
  account: Id,
  cloud: z.string().min(1),
});

export const SecretsImportedDataSchema = z.looseObject({
  /** Where the plaintext secrets were found (`secrets.json`), now deleted. */
  from: z.string().min(1),
  accounts: z.array(z.string()),
  fields: Count,
});

export const SyncFinishedDataSchema = z.looseObject({
  accounts: z.array(z.string()),
  resources: Count,
  added: Count,
  changed: Count,
  removed: Count,
  errors: Count,
  apiCalls: Count,
  durationMs: z.number().nonnegative(),
});

/** A playbook version entered Escher (`escher playbooks add`, or a file found in the user directory). */
export const PlaybookAddedDataSchema = z.looseObject({
  playbookId: Id,
  version: Id,
  /** SHA-256 of the YAML as added, so the ledger pins exactly what may run. */
  sha256: Sha256HexSchema,
  source: z.string().min(1),
  state: z.string().min(1),
});

/** A playbook version's lifecycle moved (`escher playbooks set-state`). */
export const PlaybookStateChangedDataSchema = z.looseObject({
  playbookId: Id,
  version: Id,
  from: z.string().min(1),
  to: z.string().min(1),
  reason: z.string().optional(),
});

/**
 * Recovery found the process group of a command step that a crashed Escher (kill -9 of the
 * daemon or of an applying CLI) left running, and ended it. `outcome`: `terminated` (gone after
 * SIGTERM), `killed` (needed SIGKILL), `survived` (still there after SIGKILL, or not ours to
 * signal). `pid` and `startTime` are the identity recorded when the step started.
 */
export const StepKilledOrphanDataSchema = z.looseObject({
  executionId: Id,
  stepId: Id,
  target: z.string().optional(),
  processGroup: z.number().int().positive(),
  pid: z.number().int().positive(),
  startTime: z.string().min(1),
  outcome: z.enum(['terminated', 'killed', 'survived']),
  processes: Count,
});

const event = <K extends string, D extends z.ZodType>(kind: K, data: D) =>
  z.object({ kind: z.literal(kind), data });

/**
 * What a writer appends: a kind and its data. The ledger adds sequence, time, actor, chain
 * hash and signature. To add a kind: a data schema here and one line in this union.
 */
export const LedgerEventSchema = z.discriminatedUnion('kind', [
  event('ledger-created', LedgerCreatedDataSchema),
  event('plan-created', PlanCreatedDataSchema),
  event('approval', ApprovalDataSchema),
  event('execution-started', ExecutionStartedDataSchema),
  event('step-started', StepStartedDataSchema),
  event('step-finished', StepFinishedDataSchema),
  event('execution-cancelled', ExecutionCancelledDataSchema),
  event('rollback', RollbackDataSchema),
  event('execution-finished', ExecutionFinishedDataSchema),
  event('step-killed-orphan', StepKilledOrphanDataSchema),
  event('settings-changed', SettingsChangedDataSchema),
  event('report-published', ReportPublishedDataSchema),
  event('account-added', AccountAddedDataSchema),
  event('account-removed', AccountRemovedDataSchema),
  event('secrets-imported', SecretsImportedDataSchema),
  event('sync-finished', SyncFinishedDataSchema),
  event('playbook-added', PlaybookAddedDataSchema),
  event('playbook-state-changed', PlaybookStateChangedDataSchema),
]);
export type LedgerEvent = z.infer<typeof LedgerEventSchema>;
export type LedgerEntryKind = LedgerEvent['kind'];

/** Every kind the ledger knows, in the union's order. */
export const LEDGER_ENTRY_KINDS: readonly LedgerEntryKind[] = LedgerEventSchema.options.map(
  (o) => o.shape.kind.value,
);

/**
 * One stored entry. `hash` is SHA-256 over the canonical JSON (sorted keys, no whitespace) of
 * `{ v, seq, at, kind, actor, data, prevHash, keyId }`; `signature` is Ed25519 over
 * `escher-ledger-entry-v1\n<hash>` by the key `keyId`. `kind` stays a plain string here so
 * entries written by a newer Escher still list and verify.
 */
export const LedgerEntrySchema = z.object({
  v: z.literal(1),
  seq: z.number().int().positive(),
  at: z.string().min(1),
  kind: z.string().min(1),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: Sha256HexSchema,
  keyId: Id,
  hash: Sha256HexSchema,
  signature: z.string().min(1),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Why verification stopped at an entry. */
export const LEDGER_PROBLEM_CODES = [
  'missing-entries',
  'inserted',
  'reordered',
  'broken-link',
  'edited',
  'bad-signature',
  'unknown-key',
  'wrong-key',
  'bad-genesis',
  'malformed',
  'truncated',
  'head-invalid',
  'anchor-mismatch',
] as const;
export const LedgerProblemCodeSchema = z.enum(LEDGER_PROBLEM_CODES);
export type LedgerProblemCode = z.infer<typeof LedgerProblemCodeSchema>;

/** `escher audit verify --json`. `firstBad` names the first entry that failed, and why. */
export const LedgerVerifyResultSchema = z.object({
  ok: z.boolean(),
  entries: Count,
  head: z.object({ seq: Count, hash: Sha256HexSchema }).nullable(),
  keyId: z.string().nullable(),
  firstBad: z
    .object({ seq: z.number().int().positive(), code: LedgerProblemCodeSchema, reason: z.string() })
    .nullable(),
});
export type LedgerVerifyResult = z.infer<typeof LedgerVerifyResultSchema>;
