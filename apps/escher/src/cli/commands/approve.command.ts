import type { Command } from 'commander';
import { renderPlan, withEngine } from '../../engine/index.ts';
import { printLines, type CliIo } from '../cli-io.ts';
import { ask } from './run-prompt.ts';
import { applyApproved } from './run.command.ts';

/** `escher approve PLAN`: show a stored plan, ask, sign the approval over its hash; `--apply` runs it. */
export function registerApprove(program: Command, io: CliIo): void {
  program
    .command('approve <planId>')
    .description('review a stored plan and approve it (Ed25519-signed, bound to the plan hash)')
    .option('--yes', 'approve without asking (refused for production plans)')
    .option('--apply', 'apply it right after approving')
    .option('--detach', 'with --apply: apply in the background')
    .action(async (planId: string, options: { yes?: boolean; apply?: boolean; detach?: boolean }) => {
      await withEngine(io, async (session) => {
        const { plan, hash } = session.engine.table.plan(planId);
        const record = session.engine.table.get(planId);
        printLines(io, renderPlan(plan, hash, record.id));
        const state = session.catalog.get(plan.playbook.id, plan.playbook.version).state;
        const confirmation = options.yes ? ({ kind: 'yes' } as const) : await ask(io, plan);
        session.engine.approve(plan.id, confirmation, state);
        if (options.apply) await applyApproved(io, session, plan.id, options.detach ? { detach: true } : {});
        else printLines(io, [`Approved ${plan.id}. Apply it with: escher run --plan ${plan.id}`]);
      });
    });
}
