import { ScopedStore } from './store.ts';
import type { GcpEstate } from './estate.ts';

/** A GCP estate with no projects and nothing in it; the generator fills it. */
export function emptyGcpEstate(organizationId: string, regions: string[]): GcpEstate {
  return {
    organizationId,
    projects: [],
    projectIndex: new Map(),
    regions,
    compute: {
      instances: new ScopedStore(),
      disks: new ScopedStore(),
      snapshots: new ScopedStore(),
      addresses: new ScopedStore(),
      forwardingRules: new ScopedStore(),
      firewalls: new ScopedStore(),
      networks: new ScopedStore(),
      subnetworks: new ScopedStore(),
      operations: new Map(),
      operationSeq: 0,
    },
    storage: { buckets: new Map(), uploads: new Map() },
    sql: { instances: new Map(), operations: new Map(), operationSeq: 0, backupRuns: new Map() },
    container: { clusters: [], operations: new Map(), operationSeq: 0 },
    functions: { functions: [], operations: new Map() },
    kms: { keyRings: [], cryptoKeys: [] },
    iam: { serviceAccounts: [] },
    billing: { billingAccountId: '', project: '', dataset: '', table: '', rows: [] },
    queryResults: new Map(),
    querySeq: 0,
  };
}
