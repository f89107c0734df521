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
}

export interface SqlAdminState {
  /** Key: `${project}/${name}`. */
  instances: Map<string, SqlInstance>;
  operations: Map<string, SqlOperation>;
  /** Counter for operation names. */
  operationSeq: number;
}
