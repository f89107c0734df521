import { initialMigration } from './0001-initial.migration.ts';
import { auditLedgerVaultMigration } from './0002-audit-ledger-vault.migration.ts';
import { scopeOwnershipMigration } from './0003-scope-ownership.migration.ts';
import { searchIndexMigration } from './0004-search-index.migration.ts';
import { playbooksMigration } from './0005-playbooks.migration.ts';
import { executionsMigration } from './0006-executions.migration.ts';
import { chatSessionsMigration } from './0007-chat-sessions.migration.ts';
import { localRolesMigration } from './0008-local-roles.migration.ts';
import { resourceEdgesMigration } from './0009-resource-edges.migration.ts';
import { stepProcessesMigration } from './0010-step-processes.migration.ts';
import { dropTrigramIndexMigration } from './0011-drop-trigram-index.migration.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  initialMigration,
  auditLedgerVaultMigration,
  scopeOwnershipMigration,
  searchIndexMigration,
  playbooksMigration,
  executionsMigration,
  chatSessionsMigration,
  localRolesMigration,
  resourceEdgesMigration,
  stepProcessesMigration,
  dropTrigramIndexMigration,
];
