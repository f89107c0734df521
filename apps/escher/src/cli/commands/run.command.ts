import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import {
  CLOUDS,
  normaliseEnvironment,
  RESOURCE_TYPES,
  UserError,
  type Cloud,
  type Plan,
  type Resource,
  type ResourceType,
} from '@escher/protocol';
import {
  printEvent,
  renderPlan,
  withEngine,
  type Confirmation,
  type EngineSession,
} from '../../engine/index.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

/** Exit code when an applied execution did not succeed (failed, rolled back, cancelled). */
export const EXECUTION_NOT_SUCCEEDED_EXIT = 5;

interface RunOptions {
  target?: string[];
  cloud?: string;
  account?: string;
  region?: string;
  environment?: string;
  type?: string;
  tag?: string[];
  param?: string[];
  version?: string;
  planOnly?: boolean;
  plan?: string;
  yes?: boolean;
  detach?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `escher run PLAYBOOK [selection]`: plan, show, ask, approve (signed), apply. */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run [playbook]')
    .description('plan a playbook over chosen targets, ask, then apply it (docs/engine.md)')
    .option('--target <id-or-name>', 'a target by id or name (repeat for more)', collect)
    .option('--cloud <cloud>', `only targets on this cloud (${CLOUDS.join(', ')})`)
    .option('--account <account>', 'only targets in this account')
    .option('--region <region>', 'only targets in this region')
    .option('--environment <env>', 'only targets of this environment (prod, staging, dev, test)')
    .option('--type <type>', 'only targets of this resource type')
    .option('--tag <key=value>', 'only targets with this tag (repeat for more)', collect)
    .option('--param <name=value>', 'a playbook parameter (repeat for more)', collect)
    .option('--version <version>', 'a kept older version of the playbook')
    .option('--plan-only', 'store and show the plan; approve later with `escher approve`')
    .option('--plan <planId>', 'apply a plan already approved with `escher approve`')
    .option('--no-dry-run', 'skip asking the cloud to dry-run the first operation of each target')
    .option('--yes', 'approve without asking (refused for production plans)')
    .option('--detach', 'apply in the background and print the execution id')
    .option('--json', 'machine output (the plan; with --yes, the final execution)')
    .action(async (playbookId: string | undefined, options: RunOptions) => {
      await withEngine(io, async (session) => {
        if (options.plan) return applyApproved(io, session, options.plan, options);
        if (!playbookId) {
          throw new UserError('playbook-missing', 'Name the playbook to run', {
            hint: 'For example: escher run stop-compute-instance --environment dev --region us-east-1',
          });
        }
        const found = session.catalog.get(playbookId, options.version);
        const candidates = selectTargets(session, found.playbook.playbook.applicability, options);
        const { plan, hash, executionId } = await session.engine.plan({
          playbook: found.playbook,
          state: found.state,
          candidates,
          params: parsePairs(options.param ?? [], '--param'),
          dryRun: options.dryRun !== false,
        });
        if (options.json && (options.planOnly || !options.yes)) printJson(io, { plan, hash, executionId });
        else if (!options.json) printLines(io, renderPlan(plan, hash, executionId));
        const errors = plan.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) {
          throw new UserError(
            'plan-has-errors',
            `The plan has ${errors.length} error(s); nothing was changed`,
            {
              hint: 'Fix the selection or the playbook and plan again',
            },
          );
        }
        if (options.planOnly) {
          if (!options.json) printLines(io, [`Stored. Approve with: escher approve ${plan.id}`]);
          return;
        }
        const confirmation = options.yes ? ({ kind: 'yes' } as const) : await ask(io, plan);
        session.engine.approve(plan.id, confirmation, found.state);
        await applyApproved(io, session, plan.id, options);
      });
    });
}

/** Applies an approved plan: in this process (streaming its events), or detached in a new one. */
export async function applyApproved(
  io: CliIo,
  session: EngineSession,
  planId: string,
  options: { detach?: boolean; json?: boolean },
): Promise<void> {
  const record = session.engine.table.get(planId);
  if (options.detach) {
    const bin = process.argv[1] as string;
    const child = spawn(process.execPath, [...process.execArgv, bin, 'run', '--plan', record.planId], {
      detached: true,
      stdio: 'ignore',
      env: { ...io.env },
    });
    child.unref();
    if (options.json) printJson(io, { executionId: record.id, planId: record.planId, detached: true });
    else
      printLines(io, [
        `Applying in the background: ${record.id}. Follow it with: escher executions ${record.id} --follow`,
      ]);
    return;
  }
  const unsubscribe = options.json
    ? () => undefined
    : session.engine.bus.subscribe((event) => printEvent(io, event));
  const onSignal = (): void => session.engine.table.requestCancel(record.id);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { state } = await session.engine.apply(record.planId);
    if (options.json) printJson(io, session.engine.table.get(record.id));
    if (state !== 'succeeded') process.exitCode = EXECUTION_NOT_SUCCEEDED_EXIT;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Asks on stderr and reads one line of stdin: the number of targets for a production plan,
 * yes otherwise. An empty stdin is a no.
 */
export async function ask(io: CliIo, plan: Plan): Promise<Confirmation> {
  const n = plan.targets.length;
  io.stderr.write(
    plan.production && plan.execution.production === 'requires-typed-count'
      ? `This plan changes ${n} PRODUCTION target(s). Type ${n} to approve: `
      : `Apply this plan to ${n} target(s)? [y/N] `,
  );
  return { kind: 'typed', text: await readLine() };
}

function readLine(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const stdin = process.stdin;
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.off('end', finish);
      stdin.pause();
      resolve(text.split('\n')[0] ?? '');
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) finish();
    };
    stdin.on('data', onData);
    stdin.on('end', finish);
    stdin.resume();
  });
}

function selectTargets(
  session: EngineSession,
  applicability: { clouds: readonly Cloud[]; resourceTypes: readonly ResourceType[] },
  o: RunOptions,
): Resource[] {
  if (
    !o.target?.length &&
    !o.cloud &&
    !o.account &&
    !o.region &&
    !o.environment &&
    !o.tag?.length &&
    !o.type
  ) {
    throw new UserError(
      'selection-missing',
      'Choose the targets: --target, or filters such as --region and --environment',
      {
        hint: 'Running on everything a playbook applies to is never the default',
      },
    );
  }
  if (o.cloud && !(CLOUDS as readonly string[]).includes(o.cloud)) {
    throw new UserError('cloud-invalid', `Unknown cloud '${o.cloud}'`, {
      hint: `Use one of ${CLOUDS.join(', ')}`,
    });
  }
  if (o.type && !(RESOURCE_TYPES as readonly string[]).includes(o.type)) {
    throw new UserError('type-invalid', `Unknown resource type '${o.type}'`, {
      hint: 'See `escher resources --help`',
    });
  }
  const environment = o.environment === undefined ? undefined : normaliseEnvironment(o.environment);
  if (o.environment !== undefined && !environment) {
    throw new UserError('environment-invalid', `Unknown environment '${o.environment}'`, {
      hint: 'Use prod, staging, dev or test',
    });
  }
  const resources = session.store.listResources({
    type: o.type ? [o.type] : [...applicability.resourceTypes],
    cloud: o.cloud ? [o.cloud as Cloud] : [...applicability.clouds],
    ...(o.account ? { account: o.account } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(environment ? { environment } : {}),
    ...(o.tag?.length ? { tags: parsePairs(o.tag, '--tag') } : {}),
  });
  if (!o.target?.length) return resources;
  const wanted = new Set(o.target);
  const chosen = resources.filter((r) => wanted.has(r.id) || wanted.has(r.nativeId) || wanted.has(r.name));
  const missing = o.target.filter((t) => !chosen.some((r) => r.id === t || r.nativeId === t || r.name === t));
  if (missing.length > 0) {
    throw new UserError(
      'target-not-found',
      `No ${applicability.resourceTypes.join('/')} matches ${missing.map((m) => `'${m}'`).join(', ')}`,
      {
        hint: 'Find targets with `escher resources` or `escher search`, then `escher sync` if the estate changed',
      },
    );
  }
  return chosen;
}

function parsePairs(pairs: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new UserError('pair-invalid', `${option} takes NAME=VALUE, not '${pair}'`, {
        hint: `For example: ${option} size=t3.large`,
      });
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
