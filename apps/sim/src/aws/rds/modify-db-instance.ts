import { begin } from '../../core/transition.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { dbInstanceXml } from './db-instance-xml.ts';
import { INSTANCE_CLASSES } from './engines.ts';
import { findDb, requireStatus } from './lifecycle.ts';

const KNOWN_CLASS = /^db\.(t3|t4g|m5|m6g|m6i|m7g|r5|r6g|r6i|r7g|x2g)\.(micro|small|medium|large|\d*xlarge)$/;

/**
 * RDS ModifyDBInstance: DBInstanceClass (with ApplyImmediately the instance goes `modifying` and
 * takes the class when that ends; without, it waits in PendingModifiedValues),
 * PubliclyAccessible, BackupRetentionPeriod (0–35; Aurora at least 1), DeletionProtection.
 */
export const modifyDbInstance: AwsOperation = {
  name: 'ModifyDBInstance',
  mutating: true,
  handle: (call) => {
    const { params } = call;
    const db = findDb(call);
    requireStatus(db, ['available', 'stopped'], 'modify');
    const cls = params.get('DBInstanceClass');
    const retention = params.int('BackupRetentionPeriod');
    const pub = params.bool('PubliclyAccessible');
    const protection = params.bool('DeletionProtection');
    if (cls !== undefined && !KNOWN_CLASS.test(cls) && !INSTANCE_CLASSES.some(([c]) => c === cls)) {
      throw new AwsError(
        'InvalidParameterCombination',
        `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${cls}, Engine=${db.engine}.`,
      );
    }
    if (retention !== undefined && (retention < 0 || retention > 35 || (db.clusterId && retention < 1))) {
      throw new AwsError('InvalidParameterValue', `Invalid backup retention period: ${retention}`);
    }
    if (pub !== undefined) db.publiclyAccessible = pub;
    if (retention !== undefined) db.backupRetentionPeriod = retention;
    if (protection !== undefined) db.deletionProtection = protection;
    if (cls !== undefined && cls !== db.instanceClass) {
      const immediately = params.bool('ApplyImmediately') === true;
      if (!immediately) {
        db.pendingClass = cls;
        db.pendingApply = false;
      } else if (db.state === 'available' && call.sim.timing.transitionMs > 0) {
        db.pendingClass = cls;
        db.pendingApply = true;
        begin(db, 'modifying', 'available', call.sim.timing.transitionMs, call.sim.clock);
      } else {
        db.instanceClass = cls;
        db.pendingClass = undefined;
      }
    }
    return { DBInstance: dbInstanceXml(db, call) };
  },
};
