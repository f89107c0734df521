import type { sqladmin_v1 } from '@googleapis/sqladmin';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, kmsKeyId, labelsOf, toNumber } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type SqlInstance = sqladmin_v1.Schema$DatabaseInstance;

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/**
 * Cloud SQL states → SPEC states. A RUNNABLE instance whose activation policy is NEVER is on its
 * way down (the stop is still in progress), a STOPPED one set to ALWAYS on its way up.
 */
export function sqlState(
  state: string | null | undefined,
  activationPolicy: string | null | undefined,
): string {
  switch (state) {
    case 'RUNNABLE':
      return activationPolicy === 'NEVER' ? 'stopping' : 'running';
    case 'STOPPED':
    case 'SUSPENDED':
      return activationPolicy === 'ALWAYS' ? 'starting' : 'stopped';
    case 'PENDING_CREATE':
      return 'pending';
    case 'MAINTENANCE':
      return 'running';
    case 'PENDING_DELETE':
      return 'deleting';
    case 'FAILED':
      return 'failed';
    default:
      return 'unknown';
  }
}

/** `POSTGRES_15` → postgres / 15, `MYSQL_8_0` → mysql / 8.0, `SQLSERVER_2019_STANDARD` → sqlserver / 2019. */
export function sqlEngine(databaseVersion: string | null | undefined): {
  engine?: string;
  engineVersion?: string;
} {
  const match = /^(POSTGRES|MYSQL|SQLSERVER)_(.+)$/.exec(databaseVersion ?? '');
  if (!match) return {};
  const engine = match[1]!.toLowerCase();
  const version = engine === 'sqlserver' ? match[2]!.split('_')[0]! : match[2]!.replace(/_/g, '.');
  return { engine, engineVersion: version };
}

/**
 * A Cloud SQL instance. `size` is the machine tier, `storageGb` the data disk. `public` means
 * reachable from the internet: a public IPv4 address with `0.0.0.0/0` among the authorised
 * networks. `backupRetentionDays` is the number of daily automated backups kept (0 when automated
 * backups are off). Storage is always encrypted; `encryption` says whose key.
 */
export function normaliseSqlInstance(record: SqlInstance, project: string): Resource {
  const settings = record.settings ?? {};
  const ip = settings.ipConfiguration ?? {};
  const backup = settings.backupConfiguration ?? {};
  const publicIp = record.ipAddresses?.find((a) => a.type === 'PRIMARY')?.ipAddress ?? undefined;
  const authorized = (ip.authorizedNetworks ?? []).map((n) => n.value).filter((v): v is string => !!v);
  const kmsKey = kmsKeyId(record.diskEncryptionConfiguration?.kmsKeyName);
  const backupsOn = backup.enabled === true;
  return gcpResource({
    nativeId: `//sqladmin.googleapis.com/projects/${project}/instances/${record.name}`,
    account: project,
    region: record.region ?? 'global',
    zone: record.gceZone ?? undefined,
    type: 'database.instance',
    nativeType: 'sqladmin.googleapis.com/Instance',
    name: record.name ?? '',
    state: sqlState(record.state, settings.activationPolicy),
    tags: labelsOf(settings.userLabels),
    createdAt: isoTime(record.createTime),
    attributes: {
      ...sqlEngine(record.databaseVersion),
      databaseVersion: record.databaseVersion ?? undefined,
      size: settings.tier ?? undefined,
      storageGb: toNumber(settings.dataDiskSizeGb),
      storageType: settings.dataDiskType ?? undefined,
      public: ip.ipv4Enabled === true && authorized.some((cidr) => WORLD.has(cidr)),
      publicIp: ip.ipv4Enabled === true ? publicIp : undefined,
      authorizedNetworks: authorized.length ? authorized : undefined,
      requireSsl: ip.requireSsl ?? undefined,
      backupEnabled: backupsOn,
      backupRetentionDays: backupsOn ? (backup.backupRetentionSettings?.retainedBackups ?? 7) : 0,
      pointInTimeRecovery: backup.pointInTimeRecoveryEnabled === true || backup.binaryLogEnabled === true,
      highAvailability: settings.availabilityType === 'REGIONAL',
      deletionProtection: settings.deletionProtectionEnabled ?? undefined,
      encrypted: true,
      encryption: kmsKey ? 'customer-managed' : 'google-managed',
      kmsKeyName: kmsKey,
      connectionName: record.connectionName ?? undefined,
    },
    relationships: [related('in-vpc', computeIdOf(ip.privateNetwork)), related('uses-key', kmsKey)],
  });
}
