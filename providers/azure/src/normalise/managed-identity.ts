import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, rowFields } from './common.ts';

interface IdentityProperties {
  tenantId: string;
  principalId: string;
  clientId: string;
}

/**
 * A user-assigned managed identity, Azure's `iam.role`: what workloads run as. Resources that
 * use it carry a uses-role relationship to it.
 */
export function normaliseManagedIdentity(row: GraphRow): Resource[] {
  const p = props<IdentityProperties>(row);
  return [
    makeResource({
      ...rowFields(row),
      state: 'available',
      attributes: { principalId: p.principalId, clientId: p.clientId, tenantId: p.tenantId },
      relationships: [],
    }),
  ];
}
