import {
  ALLOWED_COMMANDS,
  isCommandStep,
  OPERATION_CATALOG,
  PLAYBOOK_RUN_POLICY,
  renderArgv,
  renderValue,
  resolveParams,
  OperationalError,
  UserError,
  type MutatingAction,
  type OperationId,
  type Plan,
  type PlanFinding,
  type PlannedStep,
  type PlanTarget,
  type PlaybookState,
  type RenderedAction,
  type Resource,
  type RollbackStep,
  type Step,
  type TemplateContext,
  type Verify,
} from '@escher/protocol';
import type { ProviderActions } from '@escher/provider-api';
import { mapLimit } from '@escher/provider-api';
import type { LoadedPlaybook } from '../playbooks/index.ts';
import type { Clock } from '../store/index.ts';
import { blastRadius, type GraphView } from './blast-radius.ts';
import { flagValue } from './resource-flag.ts';

/** The default per-step timeout when a playbook gives none. */
export const DEFAULT_STEP_TIMEOUT_SECONDS = 300;

/** Everything planning reads; nothing here mutates a cloud (dry runs ask the cloud to check only). */
export interface PlanInput {
  playbook: LoadedPlaybook;
  /** The lifecycle state Escher holds for this playbook version. */
  state: PlaybookState;
  /** The resources the selection matched (ids, names, filters), before preconditions. */
  candidates: readonly Resource[];
  /** `--param NAME=VALUE`, as text. */
  params: Readonly<Record<string, string>>;
  actionsFor: (target: Resource) => ProviderActions | undefined;
  graph: GraphView;
  clock: Clock;
  ids: { planId: string; executionId: string };
  /** Ask the cloud to dry-run every operation step of each target (EC2 DryRun); on by default. */
  dryRun?: boolean;
  allowedCommands?: readonly string[];
}

/**
 * Builds a plan (SPEC section 5, "plan" lane): applicable targets whose state meets the
 * preconditions, every step rendered concretely per target, and the checks — run policy,
 * operation implemented on the target's cloud, permissions and state by dry run, production
 * guard, blast radius, the max-targets breaker. Problems become findings rather than exceptions,
 * so the user sees the whole plan and every reason it cannot be approved at once.
 */
export async function buildPlan(input: PlanInput): Promise<Plan> {
  const { playbook: loaded, state } = input;
  const pb = loaded.playbook;
  const policy = PLAYBOOK_RUN_POLICY[state];
  if (policy === 'never') {
    throw new UserError('playbook-not-runnable', `${pb.id} ${pb.version} is ${state} and cannot be planned`, {
      hint: `Move it back with \`escher playbooks set-state ${pb.id} deprecated\` first`,
    });
  }
  const { values: params, problems } = resolveParams(pb.parameters, input.params, { fromText: true });
  if (problems.length > 0) {
    throw new UserError(
      'params-invalid',
      `Parameters of ${pb.id}: ${problems.map((p) => `${p.path.join('.')} ${p.message}`).join('; ')}`,
      { hint: 'Pass them as --param NAME=VALUE (`escher playbooks show ID` lists them)' },
    );
  }
  const findings: PlanFinding[] = [];
  const skipped: Plan['skipped'] = [];
  const chosen: Resource[] = [];
  for (const r of input.candidates) {
    const why = notApplicable(r, pb);
    if (why) skipped.push({ id: r.id, name: r.name, reason: why });
    else chosen.push(r);
  }
  const e = pb.execution;
  if (chosen.length > e.maxTargets) {
    findings.push({
      severity: 'error',
      code: 'max-targets',
      message: `${chosen.length} targets exceed this playbook's limit of ${e.maxTargets} (the circuit breaker)`,
    });
  }
  const allowed = input.allowedCommands ?? ALLOWED_COMMANDS;
  const targets: PlanTarget[] = [];
  const actionsOf: { resource: Resource; actions: Set<MutatingAction> }[] = [];
  for (const r of chosen) {
    const context: TemplateContext = {
      target: r as unknown as TemplateContext['target'],
      params,
      execution: { id: input.ids.executionId, planId: input.ids.planId },
      playbook: { id: pb.id, version: pb.version },
    };
    const steps: PlannedStep[] = [];
    const actions = new Set<MutatingAction>();
    for (const step of pb.steps) {
      try {
        steps.push(renderStep(step, context, r, input.actionsFor(r), allowed, findings));
      } catch (error) {
        findings.push({ severity: 'error', code: errorCode(error), message: messageOf(error), target: r.id });
      }
      if (isCommandStep(step)) {
        for (const a of pb.applicability.actions) if (isMutating(a)) actions.add(a);
      } else if (step.action in OPERATION_CATALOG) {
        actions.add(OPERATION_CATALOG[step.action as OperationId].action);
      }
    }
    const production = r.environment === 'prod';
    if (production && policy === 'non-production') {
      findings.push({
        severity: 'error',
        code: 'production-not-allowed',
        message: `${pb.id} is in testing and may run on non-production targets only; ${r.name || r.id} is production`,
        target: r.id,
      });
    }
    targets.push({
      id: r.id,
      name: r.name,
      cloud: r.cloud,
      account: r.account,
      region: r.region,
      type: r.type,
      ...(r.state === undefined ? {} : { state: r.state }),
      ...(r.environment === undefined ? {} : { environment: r.environment }),
      production,
      steps,
    });
    actionsOf.push({ resource: r, actions });
  }
  findings.push(...blastRadius(actionsOf, input.graph, input.clock.now()));
  if (input.dryRun !== false && chosen.length <= e.maxTargets)
    findings.push(...(await dryRuns(chosen, targets, input.actionsFor)));
  if (targets.length === 0) {
    findings.push({
      severity: 'error',
      code: 'no-targets',
      message: 'No target matches the selection and the preconditions',
    });
  }
  return {
    id: input.ids.planId,
    createdAt: new Date(input.clock.now()).toISOString(),
    playbook: { id: pb.id, version: pb.version, sha256: loaded.sha256 },
    risk: pb.risk,
    params,
    execution: e,
    targets,
    skipped,
    findings,
    production: targets.some((t) => t.production),
  };
}

function notApplicable(r: Resource, pb: LoadedPlaybook['playbook']): string | undefined {
  const a = pb.applicability;
  if (!a.clouds.includes(r.cloud)) return `the playbook does not apply to ${r.cloud}`;
  if (!a.resourceTypes.includes(r.type)) return `the playbook does not apply to ${r.type}`;
  const pre = pb.preconditions;
  if (pre?.state && !pre.state.includes(r.state ?? '')) {
    return `state is ${r.state ?? 'unknown'} (acts only on ${pre.state.join(' or ')})`;
  }
  for (const [key, want] of Object.entries(pre?.attributes ?? {})) {
    if (JSON.stringify(r.attributes[key]) !== JSON.stringify(want))
      return `${key} is not ${JSON.stringify(want)}`;
  }
  for (const [flag, want] of Object.entries(pre?.flags ?? {})) {
    const have = flagValue(r, flag);
    if (typeof have === 'boolean' && have !== want) return `${flag} is ${String(have)}`;
  }
  return undefined;
}

function renderStep(
  step: Step,
  context: TemplateContext,
  target: Resource,
  actions: ProviderActions | undefined,
  allowed: readonly string[],
  findings: PlanFinding[],
): PlannedStep {
  const run = renderAction(step, context, target, actions, allowed, findings);
  const rollback =
    step.rollback === undefined
      ? undefined
      : step.rollback === 'auto'
        ? ('auto' as const)
        : renderAction(step.rollback, context, target, actions, allowed, findings);
  return {
    id: step.id,
    ...(step.name ? { name: step.name } : {}),
    run,
    ...(step.verify ? { verify: renderVerify(step.verify, context) } : {}),
    ...(rollback ? { rollback } : {}),
    timeoutSeconds: step.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS,
    retries: step.retries ?? 0,
    onFailure: step.onFailure ?? 'abort',
    dependsOn: step.dependsOn ?? [],
  };
}

function renderAction(
  step: Step | RollbackStep,
  context: TemplateContext,
  target: Resource,
  actions: ProviderActions | undefined,
  allowed: readonly string[],
  findings: PlanFinding[],
): RenderedAction {
  if (isCommandStep(step)) {
    const program = step.command[0] ?? '';
    if (!allowed.includes(program)) {
      findings.push({
        severity: 'error',
        code: 'command-not-allowed',
        message: `'${program}' is not an allowed program (${allowed.join(', ')})`,
        target: target.id,
      });
    }
    return { argv: renderArgv(step.command, context) };
  }
  const params = renderValue(step.input, context) as Record<string, unknown>;
  const op = actions?.operations.find((o) => o.id === step.action);
  if (!op) {
    findings.push({
      severity: 'error',
      code: 'operation-not-implemented',
      message: `${step.action} is not implemented on ${target.cloud}${actions ? '' : ' (no connected account reaches this target)'}`,
      target: target.id,
    });
  } else if (op.params) {
    const parsed = op.params.safeParse(params);
    if (!parsed.success) {
      findings.push({
        severity: 'error',
        code: 'operation-params-invalid',
        message: `${step.action}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`,
        target: target.id,
      });
    }
  }
  return { operation: step.action, params };
}

function renderVerify(verify: Verify, context: TemplateContext): Verify {
  const { command, ...rest } = verify;
  const rendered = renderValue(rest, context) as Verify;
  return command ? { ...rendered, command: renderArgv(command, context) } : rendered;
}

/** How many dry runs are in flight at once during planning (each is one or two cloud calls). */
export const DRY_RUN_CONCURRENCY = 8;

/**
 * Every operation step of every target, dry-run by its cloud (bounded concurrency): no
 * permission or a wrong state fails here, before anything changes. A later step may depend on
 * an earlier one (resize after stop): its refusal for the target's current state is a warning,
 * since the earlier step will change that state; any other refusal (permission, bad params) is
 * an error. Not run at all past the max-targets breaker — that plan is refused anyway, and the
 * breaker exists to bound what one plan asks of the clouds.
 */
async function dryRuns(
  resources: readonly Resource[],
  targets: readonly PlanTarget[],
  actionsFor: PlanInput['actionsFor'],
): Promise<PlanFinding[]> {
  const jobs = targets.flatMap((t, i) => {
    const resource = resources[i];
    if (!resource) return [];
    const actions = actionsFor(resource);
    return t.steps.flatMap((step, index) => {
      const run = step.run;
      if (!('operation' in run)) return [];
      const op = actions?.operations.find((o) => o.id === run.operation);
      return op ? [{ op, resource, params: run.params, stepId: step.id, later: index > 0 }] : [];
    });
  });
  const results = await mapLimit(jobs, DRY_RUN_CONCURRENCY, async (job): Promise<PlanFinding | undefined> => {
    try {
      await job.op.run({ target: job.resource, params: job.params, dryRun: true });
      return undefined;
    } catch (error) {
      const message = `${job.stepId} (${job.op.id}): ${messageOf(error)}`;
      return job.later && isStateRefusal(error)
        ? {
            severity: 'warning',
            code: 'dry-run-state',
            message: `${message} (an earlier step changes the state first)`,
            target: job.resource.id,
          }
        : { severity: 'error', code: 'dry-run-refused', message, target: job.resource.id };
    }
  });
  return results.filter((f): f is PlanFinding => f !== undefined);
}

/** A refusal about the target's current state (not permissions or params). */
function isStateRefusal(error: unknown): boolean {
  const code = error instanceof UserError || error instanceof OperationalError ? error.code : '';
  return (
    /state|not-ready|notready/i.test(code) ||
    /IncorrectInstanceState|InvalidDBInstanceState|resourceNotReady|not (running|stopped|ready)/i.test(
      messageOf(error),
    )
  );
}

function isMutating(action: string): action is MutatingAction {
  return !['list', 'count', 'describe', 'cost', 'check', 'other'].includes(action);
}

function errorCode(error: unknown): string {
  return error instanceof UserError ? error.code : 'render-failed';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}
