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
}

/** EKS state of one account and region. */
export interface EksState {
  clusters: EksCluster[];
  byName: Map<string, EksCluster>;
}

export function emptyEksState(): EksState {
  return { clusters: [], byName: new Map() };
}
