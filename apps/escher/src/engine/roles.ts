import { UserError, type LedgerEvent } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';

/**
 * SPEC section 9's roles, each including the one before: a viewer reads; an operator also plans
 * and applies approved plans (and cancels); an approver also approves; an admin also changes
 * roles. Applying always needs a valid approval, whatever the role.
 */
export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the engine lets a role do. */
export type EngineAction = 'read' | 'plan' | 'approve' | 'apply' | 'cancel' | 'set-role';

const NEEDS: Record<EngineAction, Role> = {
  read: 'viewer',
  plan: 'operator',
  apply: 'operator',
  cancel: 'operator',
  approve: 'approver',
  'set-role': 'admin',
};

const VERB: Record<EngineAction, string> = {
  read: 'read',
  plan: 'plan changes',
  apply: 'apply plans',
  cancel: 'cancel executions',
  approve: 'approve plans',
  'set-role': 'change roles',
};

/** The role a fresh home gives its (single) local user. */
export const DEFAULT_ROLE: Role = 'admin';

/** Is `role` one of the four? */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Throws a UserError naming the role needed when `role` may not do `action`. */
export function requireRole(role: Role, action: EngineAction, user: string): void {
  const need = NEEDS[action];
  if (ROLES.indexOf(role) >= ROLES.indexOf(need)) return;
  throw new UserError('role-forbidden', `${user} is ${article(role)} ${role} and may not ${VERB[action]}`, {
    hint: `It needs the ${need} role or above; an admin can grant it: escher role set ${need} --user ${user}`,
  });
}

function article(role: Role): string {
  return role === 'operator' || role === 'approver' || role === 'admin' ? 'an' : 'a';
}

/**
 * Local users' roles, in the encrypted store (`local_roles`, migration 8). A user without a row
 * is the home's single local user and an admin, so a new home works without setup; every
 * change is recorded in the audit ledger (`settings-changed`, setting `role`).
 */
export class RoleTable {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly record: (event: LedgerEvent) => unknown,
  ) {}

  /** The role of `user` (the default when none was ever set). */
  roleOf(user: string): Role {
    const row = this.db.prepare('SELECT role FROM local_roles WHERE user = ?').get(user) as
      { role: string } | undefined;
    return row && isRole(row.role) ? row.role : DEFAULT_ROLE;
  }

  /** Every user with a role set, by name. */
  list(): { user: string; role: Role; updatedAt: string; updatedBy: string }[] {
    const rows = this.db
      .prepare(
        'SELECT user, role, updated_at AS updatedAt, updated_by AS updatedBy FROM local_roles ORDER BY user',
      )
      .all() as { user: string; role: Role; updatedAt: string; updatedBy: string }[];
    return rows;
  }

  /**
   * Sets `user`'s role, as `actor` (who must be an admin). Refuses to leave the home without an
   * admin when an admin demotes themself, since nobody could change roles again.
   */
  set(user: string, role: Role, actor: string, at: string): { from: Role; to: Role } {
    requireRole(this.roleOf(actor), 'set-role', actor);
    const from = this.roleOf(user);
    if (from === 'admin' && role !== 'admin' && !this.anotherAdmin(user, actor)) {
      throw new UserError(
        'role-last-admin',
        `${user} is the only admin: demoting them would leave no one able to change roles`,
        {
          hint: 'Make another user admin first: escher role set admin --user NAME',
        },
      );
    }
    this.db
      .prepare(
        `INSERT INTO local_roles (user, role, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (user) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(user, role, at, actor);
    this.record({ kind: 'settings-changed', data: { setting: 'role', user, from, to: role, by: actor } });
    return { from, to: role };
  }

  private anotherAdmin(user: string, actor: string): boolean {
    const admins = this.list().filter((r) => r.role === 'admin' && r.user !== user);
    // The actor without a row is an admin by default.
    return admins.length > 0 || (actor !== user && !this.list().some((r) => r.user === actor));
  }
}
