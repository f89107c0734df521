import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { normaliseDisk } from './disk.ts';
import { normaliseFlexibleServer } from './flexible-server.ts';
import { normaliseFunctionApp } from './function-app.ts';
import { normaliseLoadBalancer } from './load-balancer.ts';
import { normaliseManagedCluster } from './managed-cluster.ts';
import { normaliseManagedIdentity } from './managed-identity.ts';
import type { NetworkIndex } from './network-index.ts';
import { normalisePublicIp } from './public-ip.ts';
import { normaliseSecurityGroup } from './security-group.ts';
import { normaliseSnapshot } from './snapshot.ts';
import { normaliseSqlDatabase } from './sql-database.ts';
import { normaliseVirtualMachine } from './virtual-machine.ts';
import { normaliseVirtualNetwork } from './virtual-network.ts';

type Normaliser = (row: GraphRow, network: NetworkIndex) => Resource[];

/**
 * The normaliser of each ARM type the `resourcegraph` service reads, keyed by ARM type as
 * written in ARM (matched case-insensitively). The keys are also what its Graph query asks for.
 */
export const GRAPH_NORMALISERS: Readonly<Record<string, Normaliser>> = {
  'Microsoft.Compute/virtualMachines': normaliseVirtualMachine,
  'Microsoft.Compute/disks': normaliseDisk,
  'Microsoft.Compute/snapshots': normaliseSnapshot,
  'Microsoft.Network/virtualNetworks': normaliseVirtualNetwork,
  'Microsoft.Network/networkSecurityGroups': normaliseSecurityGroup,
  'Microsoft.Network/loadBalancers': normaliseLoadBalancer,
  'Microsoft.DBforPostgreSQL/flexibleServers': normaliseFlexibleServer,
  'Microsoft.DBforMySQL/flexibleServers': normaliseFlexibleServer,
  'Microsoft.Sql/servers/databases': normaliseSqlDatabase,
  'Microsoft.Web/sites': normaliseFunctionApp,
  'Microsoft.ContainerService/managedClusters': normaliseManagedCluster,
  'Microsoft.ManagedIdentity/userAssignedIdentities': normaliseManagedIdentity,
  'Microsoft.Network/publicIPAddresses': normalisePublicIp,
};

const BY_TYPE = new Map(Object.entries(GRAPH_NORMALISERS).map(([type, fn]) => [type.toLowerCase(), fn]));

/** Normalises one Graph row; rows of types Escher does not model yield nothing. */
export function normaliseRow(row: GraphRow, network: NetworkIndex): Resource[] {
  return BY_TYPE.get(row.type.toLowerCase())?.(row, network) ?? [];
}
