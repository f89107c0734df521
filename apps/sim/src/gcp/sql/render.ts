import { createHash } from 'node:crypto';
import { isoTime } from '../ids.ts';
import type { SqlInstance, SqlOperation } from './types.ts';

/** Cloud SQL Admin API representation of an instance (`sql#instance`), links under `apiRoot`. */
export function sqlInstanceJson(apiRoot: string, i: SqlInstance): Record<string, unknown> {
  const mysql = i.databaseVersion.startsWith('MYSQL');
  return {
    kind: 'sql#instance',
    state: i.state,
    databaseVersion: i.databaseVersion,
    settings: {
      authorizedGaeApplications: [],
      tier: i.tier,
      kind: 'sql#settings',
      availabilityType: i.availabilityType,
      pricingPlan: 'PER_USE',
      replicationType: 'SYNCHRONOUS',
      activationPolicy: i.activationPolicy,
      ipConfiguration: {
        ipv4Enabled: i.ipv4Enabled,
        privateNetwork: i.privateNetwork,
        authorizedNetworks: i.authorizedNetworks.map((n) => ({
          value: n.value,
          name: n.name,
          kind: 'sql#aclEntry',
        })),
        requireSsl: i.requireSsl,
        sslMode: i.requireSsl ? 'ENCRYPTED_ONLY' : 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
      },
      locationPreference: { zone: i.zone, kind: 'sql#locationPreference' },
      dataDiskType: i.dataDiskType,
      maintenanceWindow: { kind: 'sql#maintenanceWindow', hour: 0, day: 0 },
      backupConfiguration: {
        startTime: '03:00',
        kind: 'sql#backupConfiguration',
        backupRetentionSettings: { retentionUnit: 'COUNT', retainedBackups: 7 },
        enabled: i.backupEnabled,
        binaryLogEnabled: mysql ? i.pointInTimeRecovery : undefined,
        pointInTimeRecoveryEnabled: mysql ? undefined : i.pointInTimeRecovery,
        transactionLogRetentionDays: 7,
      },
      settingsVersion: String(i.settingsVersion),
      storageAutoResizeLimit: '0',
      storageAutoResize: true,
      dataDiskSizeGb: String(i.dataDiskSizeGb),
      userLabels: Object.keys(i.userLabels).length ? i.userLabels : undefined,
      deletionProtectionEnabled: i.deletionProtection,
      edition: 'ENTERPRISE',
      connectorEnforcement: 'NOT_REQUIRED',
    },
    etag: createHash('sha256').update(`${i.project}/${i.name}/${i.etagSeq}`).digest('hex'),
    ipAddresses: [
      ...(i.publicIp && i.ipv4Enabled ? [{ type: 'PRIMARY', ipAddress: i.publicIp }] : []),
      ...(i.privateIp ? [{ type: 'PRIVATE', ipAddress: i.privateIp }] : []),
    ],
    instanceType: 'CLOUD_SQL_INSTANCE',
    project: i.project,
    serviceAccountEmailAddress: i.serviceAccountEmail,
    backendType: 'SECOND_GEN',
    selfLink: `${apiRoot}/projects/${i.project}/instances/${i.name}`,
    connectionName: `${i.project}:${i.region}:${i.name}`,
    name: i.name,
    region: i.region,
    gceZone: i.zone,
    databaseInstalledVersion: i.installedVersion,
    maintenanceVersion: `${i.installedVersion}.R20240910.01_04`,
    createTime: isoTime(i.createdMs),
    diskEncryptionConfiguration: i.kmsKeyName
      ? { kmsKeyName: i.kmsKeyName, kind: 'sql#diskEncryptionConfiguration' }
      : undefined,
    sqlNetworkArchitecture: 'NEW_NETWORK_ARCHITECTURE',
  };
}

export function sqlOperationJson(apiRoot: string, op: SqlOperation, now: number): Record<string, unknown> {
  const done = now >= op.doneAtMs;
  return {
    kind: 'sql#operation',
    targetLink: `${apiRoot}/projects/${op.project}/instances/${op.targetName}`,
    status: done ? 'DONE' : 'RUNNING',
    user: 'escher-sim@example.com',
    insertTime: isoTime(op.insertMs),
    startTime: isoTime(op.insertMs),
    endTime: done ? isoTime(op.doneAtMs) : undefined,
    operationType: op.operationType,
    name: op.name,
    targetId: op.targetName,
    selfLink: `${apiRoot}/projects/${op.project}/operations/${op.name}`,
    targetProject: op.project,
    backupContext: op.backupId ? { backupId: op.backupId, kind: 'sql#backupContext' } : undefined,
  };
}
