import type { TagMap } from '../tagging/tags.ts';

export interface EksCluster {
  name: string;
  arn: string;
  createdAt: number;
  version: string;
  platformVersion: string;
  endpoint: string;
  roleArn: string;
  vpcId?: string | undefined;
  subnetIds: string[];
  securityGroupIds: string[];
  clusterSecurityGroupId: string;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
  serviceIpv4Cidr: string;
  oidcIssuer: string;
  certificateData: string;
  loggingEnabled: boolean;
  /** The idempotency token the cluster was created with. */
  clientRequestToken: string;
  tags: TagMap;
  /** Updates asked for (UpdateClusterConfig), oldest first; absent until the first. */
  updates?: EksUpdate[] | undefined;
}

/** The endpoint settings UpdateClusterConfig changes. */
export interface EndpointConfig {
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
}

/**
 * One cluster update. It is `InProgress` until `doneAt` on the sim clock, the cluster `UPDATING`
 * meanwhile; its config applies when it completes, as in EKS.
 */
export interface EksUpdate {
  id: string;
  type: 'EndpointAccessUpdate';
  createdAt: number;
  doneAt: number;
  config: EndpointConfig;
  applied: boolean;
}

/** EKS state of one account and region. */
export interface EksState {
  clusters: EksCluster[];
  byName: Map<string, EksCluster>;
}

export function emptyEksState(): EksState {
  return { clusters: [], byName: new Map() };
}
