import { paginate } from '../../core/paginate.ts';
import { begin, settle } from '../../core/transition.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { setTag, tagList } from '../tagging/tags.ts';
import { kmsKeyArn } from './db-instance-xml.ts';
import { findDb, requireStatus } from './lifecycle.ts';
import { rdsTags } from './query-lists.ts';
import type { DbSnapshot } from './state.ts';

/** RDS CreateDBSnapshot: a manual snapshot, `creating` then `available`; the instance is `backing-up` meanwhile. */
export const createDbSnapshot: AwsOperation = {
  name: 'CreateDBSnapshot',
  mutating: true,
  handle: (call) => {
    const snapshotId = call.params.require('DBSnapshotIdentifier');
    const db = findDb(call);
    const rds = call.regionState.rds;
    if (rds.snapshotsById.has(snapshotId)) {
      throw new AwsError(
        'DBSnapshotAlreadyExists',
        `Cannot create the snapshot because a snapshot with the identifier ${snapshotId} already exists.`,
      );
    }
    if (db.clusterId)
      throw new AwsError(
        'InvalidDBInstanceState',
        `Instance ${db.id} is part of an Aurora cluster; use CreateDBClusterSnapshot.`,
      );
    requireStatus(db, ['available'], 'snapshot');
    const tags: Record<string, string> = {};
    for (const t of rdsTags(call.params)) setTag(tags, t.key, t.value);
    const snapshot: DbSnapshot = {
      id: snapshotId,
      arn: `arn:aws:rds:${call.region}:${call.account.id}:snapshot:${snapshotId}`,
      instanceId: db.id,
      createdAt: call.sim.clock.now(),
      engine: db.engine,
      engineVersion: db.engineVersion,
      allocatedStorage: db.allocatedStorage,
      port: db.port,
      az: db.az,
      vpcId: db.subnetGroup?.vpcId,
      instanceCreatedAt: db.createdAt,
      masterUsername: db.masterUsername,
      licenseModel: db.licenseModel,
      storageType: db.storageType,
      encrypted: db.storageEncrypted,
      kmsAlias: db.kmsAlias,
      resourceId: db.resourceId,
      tags: Object.keys(tags).length ? tags : { ...db.tags },
      state: 'creating',
    };
    begin(snapshot, 'creating', 'available', call.sim.timing.transitionMs, call.sim.clock);
    rds.snapshots.push(snapshot);
    rds.snapshotsById.set(snapshotId, snapshot);
    return { DBSnapshot: snapshotXml(snapshot, call) };
  },
};

/** RDS DescribeDBSnapshots (DBInstanceIdentifier, DBSnapshotIdentifier, MaxRecords, Marker). */
export const describeDbSnapshots: AwsOperation = {
  name: 'DescribeDBSnapshots',
  handle: (call) => {
    const { params } = call;
    const rds = call.regionState.rds;
    const snapshotId = params.get('DBSnapshotIdentifier');
    const instanceId = params.get('DBInstanceIdentifier');
    let all = rds.snapshots;
    if (snapshotId) {
      const one = rds.snapshotsById.get(snapshotId);
      if (!one) throw new AwsError('DBSnapshotNotFound', `DBSnapshot ${snapshotId} not found.`, 404);
      all = [one];
    }
    if (instanceId) all = all.filter((s) => s.instanceId === instanceId);
    const page = paginate(
      all,
      { token: params.get('Marker'), requested: params.int('MaxRecords'), defaultSize: 100, maxSize: 100 },
      call.sim.faults.current.pagination,
    );
    return {
      DBSnapshots: xmlList(
        'DBSnapshot',
        page.items.map((s) => snapshotXml(s, call)),
      ),
      Marker: page.nextToken,
    };
  },
};

function snapshotXml(s: DbSnapshot, call: AwsCall): Record<string, unknown> {
  settle(s, call.sim.clock);
  return {
    DBSnapshotIdentifier: s.id,
    DBInstanceIdentifier: s.instanceId,
    SnapshotCreateTime: new Date(s.createdAt),
    OriginalSnapshotCreateTime: new Date(s.createdAt),
    Engine: s.engine,
    AllocatedStorage: s.allocatedStorage,
    Status: s.state,
    Port: s.port,
    AvailabilityZone: s.az,
    VpcId: s.vpcId,
    InstanceCreateTime: new Date(s.instanceCreatedAt),
    MasterUsername: s.masterUsername,
    EngineVersion: s.engineVersion,
    LicenseModel: s.licenseModel,
    SnapshotType: 'manual',
    PercentProgress: s.state === 'available' ? 100 : 0,
    StorageType: s.storageType,
    Encrypted: s.encrypted,
    KmsKeyId: s.encrypted ? kmsKeyArn(call.regionState, call.account.id, s.kmsAlias) : undefined,
    DBSnapshotArn: s.arn,
    IAMDatabaseAuthenticationEnabled: false,
    ProcessorFeatures: xmlList('ProcessorFeature', []),
    DbiResourceId: s.resourceId,
    TagList: xmlList('Tag', tagList(s.tags)),
    SnapshotTarget: 'region',
  };
}
