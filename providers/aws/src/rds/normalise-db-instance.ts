import type { DBInstance } from '@aws-sdk/client-rds';
import type { Resource } from '@escher/protocol';
import { ec2ArnOf, kmsKeyArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { tagRecord } from '../core/tags.ts';

/**
 * An RDS instance as a `database.instance`. `size` is the instance class; `public` is
 * PubliclyAccessible; `encrypted` is StorageEncrypted; `backupRetentionDays` 0 means automated
 * backups are off. Aurora members report their cluster in `clusterId`.
 */
export function normaliseDbInstance(db: DBInstance, scope: RecordScope): Resource {
  const { account, region } = scope;
  const id = db.DBInstanceIdentifier ?? '';
  const tags = tagRecord(db.TagList);
  const subnets = db.DBSubnetGroup?.Subnets ?? [];
  return toResource({
    arn: db.DBInstanceArn ?? `arn:aws:rds:${region}:${account}:db:${id}`,
    account,
    region,
    zone: db.AvailabilityZone,
    type: 'database.instance',
    nativeType: 'AWS::RDS::DBInstance',
    name: id,
    state: normaliseState('database', db.DBInstanceStatus),
    tags,
    createdAt: db.InstanceCreateTime,
    attributes: {
      dbInstanceId: id,
      nativeState: db.DBInstanceStatus,
      size: db.DBInstanceClass,
      engine: db.Engine,
      engineVersion: db.EngineVersion,
      public: db.PubliclyAccessible === true,
      encrypted: db.StorageEncrypted === true,
      kmsKeyId: db.KmsKeyId,
      backupRetentionDays: db.BackupRetentionPeriod ?? 0,
      backupEnabled: (db.BackupRetentionPeriod ?? 0) > 0,
      storageGiB: db.AllocatedStorage,
      storageType: db.StorageType,
      multiAz: db.MultiAZ === true,
      endpoint: db.Endpoint?.Address,
      port: db.Endpoint?.Port,
      clusterId: db.DBClusterIdentifier,
      deletionProtection: db.DeletionProtection,
      iamAuth: db.IAMDatabaseAuthenticationEnabled,
      autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
      vpcId: db.DBSubnetGroup?.VpcId,
    },
    relationships: [
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', db.DBSubnetGroup?.VpcId)),
      ...subnets.map((s) => rel('in-subnet', ec2ArnOf(region, account, 'subnet', s.SubnetIdentifier))),
      ...(db.VpcSecurityGroups ?? []).map((g) =>
        rel('security-group', ec2ArnOf(region, account, 'security-group', g.VpcSecurityGroupId)),
      ),
      rel('uses-key', kmsKeyArn(region, account, db.KmsKeyId)),
    ],
  });
}
