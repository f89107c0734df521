import { begin } from '../../core/transition.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { dbInstanceXml } from './db-instance-xml.ts';
import { findDb, requireStatus } from './lifecycle.ts';
import type { DbInstance } from './state.ts';

function notAurora(db: DbInstance, action: string): void {
  if (db.clusterId) {
    throw new AwsError(
      'InvalidParameterCombination',
      `${action} is not supported for Aurora instances; use the DB cluster ${db.clusterId}.`,
    );
  }
}

/** RDS StopDBInstance: available → stopping → stopped after the sim's transition time. */
export const stopDbInstance: AwsOperation = {
  name: 'StopDBInstance',
  mutating: true,
  handle: (call) => {
    const db = findDb(call);
    notAurora(db, 'StopDBInstance');
    requireStatus(db, ['available'], 'stop');
    begin(db, 'stopping', 'stopped', call.sim.timing.transitionMs, call.sim.clock);
    return { DBInstance: dbInstanceXml(db, call) };
  },
};

/** RDS StartDBInstance: stopped → starting → available. */
export const startDbInstance: AwsOperation = {
  name: 'StartDBInstance',
  mutating: true,
  handle: (call) => {
    const db = findDb(call);
    notAurora(db, 'StartDBInstance');
    requireStatus(db, ['stopped'], 'start');
    begin(db, 'starting', 'available', call.sim.timing.transitionMs, call.sim.clock);
    return { DBInstance: dbInstanceXml(db, call) };
  },
};

/** RDS RebootDBInstance: available → rebooting → available. */
export const rebootDbInstance: AwsOperation = {
  name: 'RebootDBInstance',
  mutating: true,
  handle: (call) => {
    const db = findDb(call);
    requireStatus(db, ['available'], 'reboot');
    begin(db, 'rebooting', 'available', call.sim.timing.transitionMs, call.sim.clock);
    return { DBInstance: dbInstanceXml(db, call) };
  },
};
