import { sqlPowerOperation } from './sql-power.ts';

/** `database.instance.stop`: Cloud SQL instances.patch `activationPolicy: NEVER`, waited on. */
export const databaseInstanceStop = sqlPowerOperation('stop');
