import { sqlPowerOperation } from './sql-power.ts';

/** `database.instance.start`: Cloud SQL instances.patch `activationPolicy: ALWAYS`, waited on. */
export const databaseInstanceStart = sqlPowerOperation('start');
