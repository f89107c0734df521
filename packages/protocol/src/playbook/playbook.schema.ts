import { z } from 'zod';
import { CloudSchema, MUTATING_ACTIONS, ResourceTypeSchema, READ_ACTIONS } from '../resource/vocabulary.ts';
import { PlaybookParametersSchema } from './param-schema.ts';
import { PlaybookStateSchema } from './playbook-lifecycle.ts';
import { SEMVER_PATTERN } from './semver.ts';

/**
 * The playbook format (SPEC section 5): YAML on disk, this JSON on the wire. Objects are strict,
 * so a misspelt key (`timeoutSecs`) is an error at its line rather than a setting silently
 * ignored. Cross-field rules (operation ids, placeholders, step references, rollbacks) are in
 * `checkPlaybook`, which reports them by path as well. Reference: docs/playbooks.md.
 */

/** `stop-compute-instance`, `acme.restart-web`: lowercase words joined by `-` or `.`. */
export const PLAYBOOK_ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
/** A step id: what `dependsOn`, logs and the ledger name a step by. */
export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const RiskSchema = z.enum(RISK_LEVELS);
export type Risk = z.infer<typeof RiskSchema>;

const Seconds = z.number().int().positive().max(86_400);

/**
 * An argv array. A string here is the one mistake that matters most — a shell command line —
 * so it gets its own message.
 */
export const ArgvSchema = z
  .array(z.string(), {
    error: (issue) =>
      typeof issue.input === 'string'
        ? 'a command must be an argv array (["aws", "ec2", "stop-instances", …]), never a shell string'
        : undefined,
  })
  .min(1, 'a command needs at least the program name');

/** What a command's result must look like for a verify to pass. */
export const CommandExpectationSchema = z.strictObject({
  exitCode: z.number().int().min(0).max(255).default(0),
  stdoutIncludes: z.string().optional(),
  /** A regular expression (JavaScript syntax) the standard output must match. */
  stdoutMatches: z.string().optional(),
});

/**
 * How to tell that a step did what it should, re-checked every `intervalSeconds` until it holds
 * or `timeoutSeconds` passes (then the step fails, and `onFailure` decides). Resource checks
 * re-read the target from its cloud (the provider's `refresh`); `command` runs a read-only
 * command. Values may hold placeholders (`size: '{{params.size}}'`).
 */
export const VerifySchema = z
  .strictObject({
    /** The target's normalised state is this one (or one of these). */
    state: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** The target no longer exists (or is `terminated`, as deleted EC2 instances linger). */
    gone: z.literal(true).optional(),
    /** The operation reported the resources it created (a snapshot, a backup). */
    created: z.literal(true).optional(),
    /** Normalised attributes with these values (`size: '{{params.size}}'`). */
    attributes: z.record(z.string(), z.unknown()).optional(),
    /**
     * Cloud-agnostic yes/no properties (`public: false`, `encrypted: true`) as search and checks
     * read them, whichever attribute each cloud keeps them in (see docs/playbooks.md).
     */
    flags: z.record(z.string(), z.boolean()).optional(),
    /** Tags with these values: a map, or one placeholder naming a map parameter. */
    tags: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    /** Tag keys that must be absent: a list, or one placeholder naming a list parameter. */
    tagsAbsent: z.union([z.string(), z.array(z.string())]).optional(),
    command: ArgvSchema.optional(),
    expect: CommandExpectationSchema.optional(),
    timeoutSeconds: Seconds.default(300),
    intervalSeconds: Seconds.default(5),
  })
  .refine(
    (v) =>
      [v.state, v.gone, v.created, v.attributes, v.flags, v.tags, v.tagsAbsent, v.command].some(
        (c) => c !== undefined,
      ),
    'verify needs a check: state, gone, created, attributes, flags, tags, tagsAbsent or command',
  )
  .refine((v) => v.expect === undefined || v.command !== undefined, {
    message: 'expect applies to a verify command; add command',
    path: ['expect'],
  });
export type Verify = z.infer<typeof VerifySchema>;

export const ON_FAILURE = ['abort', 'continue', 'rollback'] as const;
export const OnFailureSchema = z.enum(ON_FAILURE);

const stepCommon = {
  name: z.string().optional(),
  description: z.string().optional(),
  verify: VerifySchema.optional(),
  timeoutSeconds: Seconds.optional(),
  retries: z.number().int().min(0).max(10).optional(),
};

/** A call of a provider operation from the catalogue (`compute.instance.stop`), with typed input. */
const actionFields = {
  action: z.string(),
  input: z.record(z.string(), z.unknown()).default({}),
};
/** A CLI run as an argv array; argv[0] is `aws`, `az`, `gcloud` or `kubectl`. */
const commandFields = { command: ArgvSchema };

/** Asks for exactly one of `action` and `command` before either branch is tried, for one clear message. */
function oneOfActionOrCommand(value: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const hasAction = 'action' in value;
    const hasCommand = 'command' in value;
    if (hasAction === hasCommand) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: hasAction
          ? 'a step has either action or command, not both'
          : 'a step needs action (a provider operation) or command (an argv array)',
      });
    }
  }
  return value;
}

/** A rollback written out: an action or a command, run when the step has to be undone. */
export const RollbackStepSchema = z.preprocess(
  oneOfActionOrCommand,
  z.union([
    z.strictObject({ ...stepCommon, ...actionFields }),
    z.strictObject({ ...stepCommon, ...commandFields }),
  ]),
);
export type RollbackStep = z.infer<typeof RollbackStepSchema>;

/** `auto` runs the undo the operation reported; or a step of its own. */
export const RollbackSchema = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'string' && value !== 'auto') {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `rollback is 'auto' (the operation's own undo) or a step, not '${value}'`,
      });
    }
    return value;
  },
  z.union([z.literal('auto'), RollbackStepSchema]),
);
export type Rollback = z.infer<typeof RollbackSchema>;

const stepFields = {
  id: z.string().regex(STEP_ID_PATTERN, 'a step id: a letter, then letters, digits, - or _'),
  ...stepCommon,
  rollback: RollbackSchema.optional(),
  /** What happens to this target when the step fails (after its retries): stop, carry on, or undo. */
  onFailure: OnFailureSchema.optional(),
  /** Steps of the same target that must finish first (strategy `graph`). */
  dependsOn: z.array(z.string()).optional(),
};

export const ActionStepSchema = z.strictObject({ ...stepFields, ...actionFields });
export type ActionStep = z.infer<typeof ActionStepSchema>;
export const CommandStepSchema = z.strictObject({ ...stepFields, ...commandFields });
export type CommandStep = z.infer<typeof CommandStepSchema>;

export const StepSchema = z.preprocess(oneOfActionOrCommand, z.union([ActionStepSchema, CommandStepSchema]));
export type Step = ActionStep | CommandStep;

/** Whether a step (or rollback step) runs a command rather than a provider operation. */
export function isCommandStep<T extends { command: unknown } | { action: unknown }>(
  step: T,
): step is Extract<T, { command: unknown }> {
  return 'command' in step;
}

/**
 * How a run is carried out. `strategy` orders each target's steps (one after another, all at
 * once, or as `dependsOn` allows); `concurrency` bounds how many targets run at once; `waves`
 * changes bulk runs into a canary wave, verified, then batches; `maxTargets` is the circuit
 * breaker a plan may not exceed; `production` says whether production targets need the user to
 * type the number of targets when approving.
 */
export const ExecutionSchema = z.strictObject({
  strategy: z.enum(['serial', 'parallel', 'graph']).default('serial'),
  concurrency: z.number().int().min(1).max(1000).default(10),
  waves: z
    .strictObject({
      canary: z.number().int().min(0).default(1),
      batchSize: z.number().int().min(1).default(10),
    })
    .optional(),
  maxTargets: z.number().int().min(1).default(50),
  production: z.enum(['allowed', 'requires-typed-count']).default('requires-typed-count'),
});
export type ExecutionHints = z.infer<typeof ExecutionSchema>;

/** What a playbook is for: the ranking of playbooks for an intent starts here. */
export const ApplicabilitySchema = z.strictObject({
  clouds: z.array(CloudSchema).min(1),
  resourceTypes: z.array(ResourceTypeSchema).min(1),
  actions: z.array(z.enum([...MUTATING_ACTIONS, ...READ_ACTIONS])).min(1),
});
export type Applicability = z.infer<typeof ApplicabilitySchema>;

/** Which targets a run acts on; the others are skipped and listed in the plan (stop only what runs). */
export const PreconditionsSchema = z.strictObject({
  state: z.array(z.string()).min(1).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  flags: z.record(z.string(), z.boolean()).optional(),
});

export const PlaybookSchema = z.strictObject({
  id: z
    .string()
    .regex(PLAYBOOK_ID_PATTERN, 'an id: lowercase letters and digits in words joined by - or .')
    .max(100),
  name: z.string().min(1).max(200),
  description: z.string().min(1),
  version: z.string().regex(SEMVER_PATTERN, 'a semantic version such as 1.0.0'),
  /** The state the document was written in; the state Escher holds for it may have moved on. */
  state: PlaybookStateSchema.default('draft'),
  risk: RiskSchema,
  applicability: ApplicabilitySchema,
  parameters: PlaybookParametersSchema.default({ properties: {}, required: [] }),
  preconditions: PreconditionsSchema.optional(),
  execution: ExecutionSchema.default({
    strategy: 'serial',
    concurrency: 10,
    maxTargets: 50,
    production: 'requires-typed-count',
  }),
  /** Extra words for search ("shutdown", "power off"). */
  keywords: z.array(z.string()).optional(),
  author: z.string().optional(),
  steps: z.array(StepSchema).min(1, 'a playbook needs at least one step'),
});
export type Playbook = z.infer<typeof PlaybookSchema>;
/** The document as written, before defaults. */
export type PlaybookInput = z.input<typeof PlaybookSchema>;
