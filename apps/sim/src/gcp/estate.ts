import type { DailyCost } from '../estate/cost.ts';
import type { ComputeState } from './compute/types.ts';
import type { ContainerState } from './container/types.ts';
import type { FunctionsState } from './functions/types.ts';
import type { IamState } from './iam/types.ts';
import type { KmsState } from './kms/types.ts';
import type { SqlAdminState } from './sql/types.ts';
import type { StorageState } from './storage/types.ts';

export interface GcpProject {
  projectId: string;
  projectNumber: string;
  displayName: string;
  createdMs: number;
  labels: Record<string, string>;
  /** Regions this project's resources live in. */
  regions: string[];
}

/** The standard Cloud Billing export table and its rows (one per day, project and service). */
export interface BillingExport {
  billingAccountId: string;
  project: string;
  dataset: string;
  table: string;
  rows: DailyCost[];
}

/** The simulator's Google Cloud state. */
export interface GcpEstate {
  organizationId: string;
  projects: GcpProject[];
  /** By project id and by project number. */
  projectIndex: Map<string, GcpProject>;
  /** Regions in use, in plan order. */
  regions: string[];
  compute: ComputeState;
  storage: StorageState;
  sql: SqlAdminState;
  container: ContainerState;
  functions: FunctionsState;
  kms: KmsState;
  iam: IamState;
  billing: BillingExport;
  /** Recent BigQuery query results by job id, for getQueryResults paging. */
  queryResults: Map<string, unknown>;
  /** Counter for BigQuery job ids. */
  querySeq: number;
}

/** A project by id or number. */
export function findProject(estate: GcpEstate, idOrNumber: string): GcpProject | undefined {
  return estate.projectIndex.get(idOrNumber);
}
