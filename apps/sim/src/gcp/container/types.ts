export interface GkeNodePool {
  name: string;
  machineType: string;
  nodeCount: number;
  diskSizeGb: number;
  autoscaling: { min: number; max: number } | undefined;
  version: string;
}

export interface GkeCluster {
  project: string;
  /** Region (regional cluster) or zone (zonal cluster). */
  location: string;
  name: string;
  id: string;
  createdMs: number;
  version: string;
  network: string;
  subnet: string;
  endpoint: string;
  privateEndpoint: string;
  enablePrivateNodes: boolean;
  enablePrivateEndpoint: boolean;
  /** Authorised networks for the control plane; undefined when the feature is off. */
  authorizedNetworks?: { displayName: string; cidrBlock: string }[] | undefined;
  autopilot: boolean;
  releaseChannel: 'REGULAR' | 'STABLE' | 'RAPID';
  nodePools: GkeNodePool[];
  labels: Record<string, string>;
  clusterIpv4Cidr: string;
  servicesIpv4Cidr: string;
  zones: string[];
  /** The operation under way on the cluster, if any (GKE runs one at a time). */
  busy?: { operation: string; untilMs: number } | undefined;
}

/** A GKE operation (`google.container.v1.Operation`). */
export interface GkeOperation {
  project: string;
  location: string;
  name: string;
  operationType: string;
  /** Relative target: `projects/p/locations/l/clusters/c[/nodePools/n]`. */
  target: string;
  startMs: number;
  doneAtMs: number;
}

export interface ContainerState {
  clusters: GkeCluster[];
  /** Operations by name. */
  operations: Map<string, GkeOperation>;
  operationSeq: number;
}
