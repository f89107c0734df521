import type { Command } from 'commander';
import { toPlaybookBrief, UserError } from '@escher/protocol';
import {
  ChatHistory,
  playbookParams,
  renderAsk,
  runAskTurn,
  serverFromEnv,
  type AskPlanner,
} from '../../ask/index.ts';
import { withEngine, type EngineSession } from '../../engine/index.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { applyApproved, EXECUTION_NOT_SUCCEEDED_EXIT } from './run.command.ts';
import { ask } from './run-prompt.ts';

interface AskOptions {
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  server?: string;
  new?: boolean;
  session?: string;
}

/**
 * `escher ask "REQUEST"` (SPEC section 7, issue 6): natural language → intent (the intelligence
 * server, in-process unless ESCHER_SERVER_URL or --server names one) → targets resolved locally →
 * an answer, or for a change a stored plan that goes through the same approval and execution as
 * `escher run`. `--dry-run` never executes; `--yes` approves non-production plans only. Turns
 * continue a chat session ("stop them", "undo that"); `--new` starts another.
 */
export function registerAsk(program: Command, io: CliIo): void {
  program
    .command('ask <request...>')
    .description('ask in plain English: answers, or a plan to approve (docs/ask.md)')
    .option('--dry-run', 'plan only; never execute')
    .option('--json', 'machine output: {request, intent, targets, plan, answer}')
    .option('--yes', 'approve without asking (refused for production plans)')
    .option('--server <url>', 'a remote intelligence server (key in ESCHER_SERVER_KEY)')
    .option('--new', 'start a new chat session (forget the previous turns)')
    .option('--session <id>', 'continue this chat session')
    .action(async (words: string[], options: AskOptions) => {
      const request = words.join(' ').trim();
      if (!request) {
        throw new UserError('request-missing', 'Say what you want, in quotes', {
          hint: 'For example: escher ask "stop the dev VMs in us-east-1" --dry-run',
        });
      }
      const server = serverFromEnv(io.env, options.server);
      await withEngine(io, async (session) => {
        const chat = new ChatHistory(session.store.database(), Date.now);
        const sessionId = chat.session({
          ...(options.new ? { fresh: true } : {}),
          ...(options.session ? { id: options.session } : {}),
        });
        const redactor = session.vault.redactor();
        const outcome = await runAskTurn(
          {
            store: session.store,
            server,
            redact: (text) => redactor.redact(text),
            now: () => new Date(),
            chat,
            planner: enginePlanner(session),
            playbooks: session.catalog
              .list()
              .filter((e) => e.source === 'user')
              .map((e) => toPlaybookBrief(e.current.playbook, e.state)),
          },
          request,
          { sessionId },
        );
        const planned = outcome.planned;
        const execute = planned !== undefined && !options.dryRun;
        if (!options.json)
          printLines(io, [...renderAsk(outcome, server.where), '', `chat session ${sessionId}`]);
        else if (!execute) printJson(io, outcome.json);
        if (!planned) return;
        if (!execute) {
          const hint = `plan ${planned.plan.id} stored; approve it later with: escher approve ${planned.plan.id}`;
          if (options.json) io.stderr.write(`escher: ${hint}\n`);
          else printLines(io, ['', `Dry run: nothing was changed. The ${hint}`]);
          return;
        }
        await approveAndApply(io, session, planned.plan.id, planned.plan, options, outcome.json);
      });
    });
}

/**
 * The engine's plan for the chosen playbook, as `escher run` makes it: with the clouds' own dry
 * runs (EC2 `DryRun`, local checks elsewhere), also under `--dry-run` — a plan stored to be
 * approved later must have been validated like any other.
 */
function enginePlanner(session: EngineSession): AskPlanner {
  return async ({ playbookId, intent, targets }) => {
    const found = session.catalog.get(playbookId);
    return session.engine.plan({
      playbook: found.playbook,
      state: found.state,
      candidates: targets,
      params: playbookParams(found.playbook.playbook, intent),
      dryRun: true,
    });
  };
}

async function approveAndApply(
  io: CliIo,
  session: EngineSession,
  planId: string,
  plan: Parameters<typeof ask>[1],
  options: AskOptions,
  json: object,
): Promise<void> {
  const errors = plan.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    if (options.json) printJson(io, json);
    throw new UserError('plan-has-errors', `The plan has ${errors.length} error(s); nothing was changed`, {
      hint: errors[0]?.message ?? 'Fix the request and ask again',
    });
  }
  const state = session.catalog.get(plan.playbook.id).state;
  const confirmation = options.yes ? ({ kind: 'yes' } as const) : await ask(io, plan);
  session.engine.approve(planId, confirmation, state);
  if (!options.json) {
    await applyApproved(io, session, planId, {});
    return;
  }
  const { state: final } = await session.engine.apply(planId);
  printJson(io, { ...json, execution: session.engine.table.get(planId) });
  if (final !== 'succeeded') process.exitCode = EXECUTION_NOT_SUCCEEDED_EXIT;
}
