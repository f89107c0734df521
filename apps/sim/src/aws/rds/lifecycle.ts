import type { SimClock } from '../../core/clock.ts';
import { settle } from '../../core/transition.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { DbInstance, DbStatus } from './state.ts';

/** Applies due transitions (stopping → stopped, modifying → available with the new class). */
export function settleDb(db: DbInstance, clock: SimClock): DbInstance {
  settle(db, clock);
  if (db.state === 'available' && !db.pending && db.pendingClass && db.pendingApply) {
    db.instanceClass = db.pendingClass;
    db.pendingClass = undefined;
    db.pendingApply = false;
  }
  return db;
}

/** The instance named `DBInstanceIdentifier` in the caller's region, settled; DBInstanceNotFound if none. */
export function findDb(
  call: AwsCall,
  id: string | undefined = call.params.require('DBInstanceIdentifier'),
): DbInstance {
  const db = call.regionState.rds.byId.get(id);
  if (!db) throw new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404);
  return settleDb(db, call.sim.clock);
}

/** RDS's answer to an action the instance's status does not allow. */
export function requireStatus(db: DbInstance, allowed: readonly DbStatus[], action: string): void {
  if (!allowed.includes(db.state)) {
    throw new AwsError(
      'InvalidDBInstanceState',
      `Instance ${db.id} is not in ${allowed.join(' or ')} state (${action}); current state is ${db.state}.`,
    );
  }
}
