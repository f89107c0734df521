import type { Command } from 'commander';
import { UserError } from '@escher/protocol';
import { isRole, localUser, ROLES, withEngine } from '../../engine/index.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

/**
 * `escher role [set ROLE [--user NAME]]`: shows the local users' roles (SPEC 9: viewer, operator,
 * approver, admin), or sets one. Only an admin may set roles; every change is in the audit ledger.
 */
export function registerRole(program: Command, io: CliIo): void {
  const role = program
    .command('role')
    .description('show local users’ roles (viewer, operator, approver, admin); `role set` changes one')
    .option('--json', 'machine output')
    .action(async (options: { json?: boolean }) => {
      await withEngine(io, async ({ roles }) => {
        const me = localUser();
        const set = roles.list();
        if (options.json) {
          printJson(io, { user: me, role: roles.roleOf(me), roles: set });
          return;
        }
        printLines(io, [
          `You (${me}) are ${roles.roleOf(me)}.`,
          ...set.map((r) => `  ${r.user}: ${r.role} (set by ${r.updatedBy} at ${r.updatedAt})`),
        ]);
      });
    });
  role
    .command('set <role>')
    .description(`set a local user's role: ${ROLES.join(', ')} (admins only; recorded in the ledger)`)
    .option('--user <name>', 'whose role (default: you)')
    .option('--json', 'machine output')
    .action(async (name: string, options: { user?: string; json?: boolean }) => {
      if (!isRole(name)) {
        throw new UserError('role-unknown', `'${name}' is not a role`, {
          hint: `Use one of ${ROLES.join(', ')}`,
        });
      }
      await withEngine(io, async ({ roles }) => {
        const me = localUser();
        const user = options.user ?? me;
        const change = roles.set(user, name, me, new Date().toISOString());
        if (options.json) printJson(io, { user, ...change });
        else printLines(io, [`${user}: ${change.from} → ${change.to} (recorded in the audit ledger)`]);
      });
    });
}
