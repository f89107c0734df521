import { json } from '../../core/http.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { clusterStatus, settleCluster } from './cluster-updates.ts';
import type { EksCluster } from './state.ts';

/** EKS DescribeCluster: `GET /clusters/{name}` → `{ cluster }`. */
export const describeCluster: AwsOperation = {
  name: 'DescribeCluster',
  handle: (call) => json(200, { cluster: clusterJson(findCluster(call, call.pathParams.name!)) }),
};

export function findCluster(call: AwsCall, name: string): EksCluster {
  const cluster = call.regionState.eks.byName.get(name);
  if (!cluster) throw new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404);
  return settleCluster(cluster, call.sim.clock);
}

function clusterJson(c: EksCluster): Record<string, unknown> {
  return {
    name: c.name,
    arn: c.arn,
    createdAt: c.createdAt / 1000,
    version: c.version,
    endpoint: c.endpoint,
    roleArn: c.roleArn,
    resourcesVpcConfig: {
      subnetIds: c.subnetIds,
      securityGroupIds: c.securityGroupIds,
      clusterSecurityGroupId: c.clusterSecurityGroupId,
      ...(c.vpcId ? { vpcId: c.vpcId } : {}),
      endpointPublicAccess: c.endpointPublicAccess,
      endpointPrivateAccess: c.endpointPrivateAccess,
      publicAccessCidrs: c.publicAccessCidrs,
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: c.serviceIpv4Cidr,
      ipFamily: 'ipv4',
      elasticLoadBalancing: { enabled: false },
    },
    logging: {
      clusterLogging: c.loggingEnabled
        ? [
            { types: ['api', 'audit', 'authenticator'], enabled: true },
            { types: ['controllerManager', 'scheduler'], enabled: false },
          ]
        : [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }],
    },
    identity: { oidc: { issuer: c.oidcIssuer } },
    status: clusterStatus(c),
    certificateAuthority: { data: c.certificateData },
    platformVersion: c.platformVersion,
    clientRequestToken: c.clientRequestToken,
    tags: c.tags,
    health: { issues: [] },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'EXTENDED' },
  };
}
