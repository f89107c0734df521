import type { Migration } from './migration.ts';

/**
 * Plans, approvals and executions of the engine (issue 5, docs/engine.md).
 *
 * A plan is immutable once stored (a trigger refuses UPDATE of its JSON and hash), so an approval
 * signed over its hash stays meaningful; `executions` holds one row per plan's run with its state,
 * the pid and host of the process applying it (to find runs a crash left `running`), and a
 * cancel request another process can set. `execution_steps` keeps each target's step results and
 * `execution_events` the redacted output stream `escher executions ID --follow` tails.
 * Migration 1's `operations` table stays unused: its columns predate plans and approvals.
 */
export const executionsMigration: Migration = {
  version: 6,
  name: 'executions',
  up(db) {
    db.exec(`
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        playbook_id TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        plan TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER plans_immutable BEFORE UPDATE ON plans
        BEGIN SELECT RAISE (ABORT, 'a plan is immutable: make a new plan'); END;

      CREATE TABLE approvals (
        plan_id TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        approver TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (plan_id, signature)
      ) WITHOUT ROWID;

      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        pid INTEGER,
        host TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        message TEXT
      ) WITHOUT ROWID;
      CREATE INDEX executions_state ON executions (state);

      CREATE TABLE execution_steps (
        execution_id TEXT NOT NULL,
        target TEXT NOT NULL,
        step_id TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        exit_code INTEGER,
        message TEXT,
        started_at TEXT,
        finished_at TEXT,
        PRIMARY KEY (execution_id, target, step_id)
      ) WITHOUT ROWID;

      CREATE TABLE execution_events (
        execution_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT,
        step_id TEXT,
        stream TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (execution_id, seq)
      ) WITHOUT ROWID;
    `);
  },
};
