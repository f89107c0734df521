import type { PendingTransition } from '../../core/transition.ts';

export type SqlState = 'RUNNABLE' | 'STOPPED' | 'SUSPENDED' | 'MAINTENANCE' | 'PENDING_CREATE' | 'FAILED';

export interface SqlAuthorizedNetwork {
  value: string;
  name?: string | undefined;
}

export interface SqlInstance {
  project: string;
  name: string;
  region: string;
  zone: string;
  createdMs: number;
  state: SqlState;
  pending?: PendingTransition<SqlState> | undefined;
  databaseVersion: string;
  installedVersion: string;
  tier: string;
  availabilityType: 'ZONAL' | 'REGIONAL';
  activationPolicy: 'ALWAYS' | 'NEVER' | 'ON_DEMAND';
  settingsVersion: number;
  ipv4Enabled: boolean;
  privateNetwork?: string | undefined;
  authorizedNetworks: SqlAuthorizedNetwork[];
  requireSsl: boolean;
  backupEnabled: boolean;
  pointInTimeRecovery: boolean;
  dataDiskSizeGb: number;
  dataDiskType: 'PD_SSD' | 'PD_HDD';
  userLabels: Record<string, string>;
  kmsKeyName?: string | undefined;
  publicIp?: string | undefined;
  privateIp?: string | undefined;
  deletionProtection: boolean;
  serviceAccountEmail: string;
  etagSeq: number;
}

export interface SqlOperation {
  project: string;
  name: string;
  operationType: string;
  targetName: string;
  insertMs: number;
  doneAtMs: number;
  /** The backup run a BACKUP_VOLUME operation creates. */
  backupId?: string | undefined;
}

/** An on-demand or automated backup of an instance (`sql#backupRun`). */
export interface SqlBackupRun {
  project: string;
  instance: string;
  id: string;
  type: 'ON_DEMAND' | 'AUTOMATED';
  description?: string | undefined;
  enqueuedMs: number;
  /** SUCCESSFUL from this simulated time (RUNNING before). */
  doneAtMs: number;
  location: string;
}

export interface SqlAdminState {
  /** Key: `${project}/${name}`. */
  instances: Map<string, SqlInstance>;
  operations: Map<string, SqlOperation>;
  /** Counter for operation names. */
  operationSeq: number;
  /** Backup runs by `${project}/${instance}`, oldest first. */
  backupRuns: Map<string, SqlBackupRun[]>;
}
