import type { Migration } from './migration.ts';

/**
 * SPEC section 9's roles (issue 5, docs/engine.md "Roles"): the role of each local user the engine
 * enforces (viewer, operator, approver, admin). A user without a row is the single local user
 * and an admin; `escher role set` writes a row and records the change in the audit ledger.
 */
export const localRolesMigration: Migration = {
  version: 8,
  name: 'local-roles',
  up(db) {
    db.exec(`
      CREATE TABLE local_roles (
        user TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'approver', 'admin')),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
