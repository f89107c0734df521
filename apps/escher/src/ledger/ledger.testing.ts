import { hostname } from 'node:os';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import { openTempStore, type TempStore } from '../store/testing/index.ts';
import { Vault } from '../vault/index.ts';
import { AuditLedger } from './audit-ledger.ts';

/** A temp store with its vault and ledger, for tests. */
export interface TempLedger {
  temp: TempStore;
  db: SqliteDatabase;
  vault: Vault;
  ledger: AuditLedger;
}

/** Opens a throwaway store, its vault and ledger (actor `test@<host>`). */
export async function openTempLedger(): Promise<TempLedger> {
  const temp = await openTempStore();
  const db = temp.store.database();
  const vault = await Vault.forStore(temp.store, temp.clock);
  const ledger = new AuditLedger({ db, vault, clock: temp.clock, actor: `test@${hostname()}` });
  return { temp, db, vault, ledger };
}
