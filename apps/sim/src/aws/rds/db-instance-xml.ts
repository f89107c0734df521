import type { AwsRegionState } from '../estate.ts';
import type { AwsCall } from '../operation.ts';
import { xmlList } from '../protocol/xml.ts';
import { tagList } from '../tagging/tags.ts';
import type { DbInstance } from './state.ts';

/** The ARN of the KMS key behind an alias in this region (a stable stand-in when KMS lacks it). */
export function kmsKeyArn(
  region: AwsRegionState,
  account: string,
  alias: string | undefined,
): string | undefined {
  if (!alias) return undefined;
  const keyId = region.kms.aliases.get(alias)?.keyId;
  return keyId
    ? `arn:aws:kms:${region.name}:${account}:key/${keyId}`
    : `arn:aws:kms:${region.name}:${account}:${alias}`;
}

const day = (n: number): string => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][n % 7]!;

/** A `<DBInstance>` as DescribeDBInstances and the mutating calls return it. */
export function dbInstanceXml(db: DbInstance, call: AwsCall): Record<string, unknown> {
  const region = call.regionState;
  const account = call.account.id;
  const aurora = db.engine.startsWith('aurora');
  const h = db.resourceId.charCodeAt(4) % 20;
  return {
    DBInstanceIdentifier: db.id,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    DBInstanceStatus: db.state,
    MasterUsername: db.masterUsername,
    DBName: db.dbName,
    // Stopped instances keep their endpoint in the description (it answers nothing meanwhile).
    Endpoint: { Address: db.endpointAddress, Port: db.port, HostedZoneId: 'Z2R2ITUGPM61AM' },
    AllocatedStorage: db.allocatedStorage,
    InstanceCreateTime: new Date(db.createdAt),
    PreferredBackupWindow: `${String(h).padStart(2, '0')}:00-${String(h).padStart(2, '0')}:30`,
    BackupRetentionPeriod: db.backupRetentionPeriod,
    DBSecurityGroups: xmlList('DBSecurityGroup', []),
    VpcSecurityGroups: xmlList(
      'VpcSecurityGroupMembership',
      db.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    ),
    DBParameterGroups: xmlList('DBParameterGroup', [
      {
        DBParameterGroupName: `default.${db.engine}${db.engineVersion.split('.')[0]}`,
        ParameterApplyStatus: 'in-sync',
      },
    ]),
    AvailabilityZone: db.az,
    DBSubnetGroup: db.subnetGroup
      ? {
          DBSubnetGroupName: db.subnetGroup.name,
          DBSubnetGroupDescription: `Subnets for ${db.subnetGroup.name}`,
          VpcId: db.subnetGroup.vpcId,
          SubnetGroupStatus: 'Complete',
          Subnets: xmlList(
            'Subnet',
            db.subnetGroup.subnets.map((s) => ({
              SubnetIdentifier: s.id,
              SubnetAvailabilityZone: { Name: s.az },
              SubnetOutpost: {},
              SubnetStatus: 'Active',
            })),
          ),
        }
      : undefined,
    PreferredMaintenanceWindow: `${day(h)}:0${h % 10}:00-${day(h)}:0${h % 10}:30`,
    PendingModifiedValues: db.pendingClass && !db.pendingApply ? { DBInstanceClass: db.pendingClass } : {},
    LatestRestorableTime:
      db.backupRetentionPeriod > 0
        ? new Date(Math.floor(call.sim.clock.now() / 300_000) * 300_000 - 300_000)
        : undefined,
    MultiAZ: db.multiAz,
    EngineVersion: db.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: xmlList('ReadReplicaDBInstanceIdentifier', []),
    LicenseModel: db.licenseModel,
    Iops: db.iops,
    OptionGroupMemberships: xmlList('OptionGroupMembership', [
      { OptionGroupName: `default:${db.engine}-${db.engineVersion.split('.')[0]}`, Status: 'in-sync' },
    ]),
    PubliclyAccessible: db.publiclyAccessible,
    StorageType: db.storageType,
    DbInstancePort: 0,
    DBClusterIdentifier: db.clusterId,
    StorageEncrypted: db.storageEncrypted,
    KmsKeyId: db.storageEncrypted ? kmsKeyArn(region, account, db.kmsAlias) : undefined,
    DbiResourceId: db.resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    DomainMemberships: xmlList('DomainMembership', []),
    CopyTagsToSnapshot: !aurora,
    MonitoringInterval: 0,
    DBInstanceArn: db.arn,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: db.deletionProtection,
    AssociatedRoles: xmlList('DBInstanceRole', []),
    TagList: xmlList('Tag', tagList(db.tags)),
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    StorageThroughput: db.storageType === 'gp3' ? 125 : undefined,
    CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date(Date.UTC(2061, 0, 1)) },
    DedicatedLogVolume: false,
    IsStorageConfigUpgradeAvailable: false,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}
