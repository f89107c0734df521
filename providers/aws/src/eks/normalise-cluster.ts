import type { Cluster } from '@aws-sdk/client-eks';
import type { Resource } from '@escher/protocol';
import { ec2ArnOf, kmsKeyArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';

const WORLD = ['0.0.0.0/0', '::/0'];

/**
 * An EKS cluster as a `container.cluster`. `endpointPublic` is true when the API server is
 * reachable from the whole internet: public access on and open to 0.0.0.0/0 (AWS's default).
 */
export function normaliseCluster(cluster: Cluster, scope: RecordScope): Resource {
  const { account, region } = scope;
  const name = cluster.name ?? '';
  const vpc = cluster.resourcesVpcConfig;
  const cidrs = vpc?.publicAccessCidrs ?? (vpc?.endpointPublicAccess ? ['0.0.0.0/0'] : []);
  const endpointPublic = vpc?.endpointPublicAccess === true && cidrs.some((c) => WORLD.includes(c));
  const keys = (cluster.encryptionConfig ?? []).map((e) => e.provider?.keyArn);
  return toResource({
    arn: cluster.arn ?? `arn:aws:eks:${region}:${account}:cluster/${name}`,
    account,
    region,
    type: 'container.cluster',
    nativeType: 'AWS::EKS::Cluster',
    name,
    state: normaliseState('cluster', cluster.status),
    tags: cluster.tags ?? {},
    createdAt: cluster.createdAt,
    attributes: {
      nativeState: cluster.status,
      version: cluster.version,
      platformVersion: cluster.platformVersion,
      endpoint: cluster.endpoint,
      endpointPublic,
      endpointPublicAccess: vpc?.endpointPublicAccess === true,
      endpointPrivateAccess: vpc?.endpointPrivateAccess === true,
      publicAccessCidrs: vpc?.publicAccessCidrs,
      secretsEncrypted: keys.length > 0,
      roleArn: cluster.roleArn,
      vpcId: vpc?.vpcId,
      loggingEnabled: (cluster.logging?.clusterLogging ?? [])
        .filter((l) => l.enabled)
        .flatMap((l) => l.types ?? []),
    },
    relationships: [
      rel('uses-role', cluster.roleArn),
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', vpc?.vpcId)),
      ...(vpc?.subnetIds ?? []).map((s) => rel('in-subnet', ec2ArnOf(region, account, 'subnet', s))),
      ...(vpc?.securityGroupIds ?? []).map((g) =>
        rel('security-group', ec2ArnOf(region, account, 'security-group', g)),
      ),
      ...keys.map((k) => rel('uses-key', kmsKeyArn(region, account, k))),
    ],
  });
}
