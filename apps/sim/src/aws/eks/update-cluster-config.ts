import { json } from '../../core/http.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { clusterStatus, updateJson } from './cluster-updates.ts';
import { findCluster } from './describe-cluster.ts';
import type { EndpointConfig, EksUpdate } from './state.ts';

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/**
 * EKS UpdateClusterConfig (`POST /clusters/{name}/update-config`) of the endpoint access:
 * `resourcesVpcConfig.endpointPublicAccess` / `endpointPrivateAccess` / `publicAccessCidrs`.
 * The cluster is `UPDATING` for the sim's transition time and takes the config when the update
 * ends. A second update meanwhile is ResourceInUseException; turning both endpoints off, or asking
 * for the config the cluster already has, is InvalidParameterException — EKS's own answers.
 */
export const updateClusterConfig: AwsOperation = {
  name: 'UpdateClusterConfig',
  mutating: true,
  handle: (call) => {
    const cluster = findCluster(call, call.pathParams.name!);
    const vpc = call.body.resourcesVpcConfig as Record<string, unknown> | undefined;
    if (call.body.logging !== undefined && vpc === undefined)
      throw new AwsError('InvalidParameterException', 'The simulator updates endpoint access only.');
    if (!vpc || typeof vpc !== 'object')
      throw new AwsError('InvalidParameterException', 'Update must include resourcesVpcConfig or logging.');
    if (clusterStatus(cluster) === 'UPDATING')
      throw new AwsError('ResourceInUseException', `Cluster has update in progress: ${cluster.name}`, 409);
    const cidrs = vpc.publicAccessCidrs;
    if (
      cidrs !== undefined &&
      (!Array.isArray(cidrs) || cidrs.some((c) => typeof c !== 'string' || !CIDR.test(c)))
    )
      throw new AwsError(
        'InvalidParameterException',
        'publicAccessCidrs must be a list of IPv4 CIDR blocks.',
      );
    const config: EndpointConfig = {
      endpointPublicAccess: boolOr(vpc.endpointPublicAccess, cluster.endpointPublicAccess),
      endpointPrivateAccess: boolOr(vpc.endpointPrivateAccess, cluster.endpointPrivateAccess),
      publicAccessCidrs: (cidrs as string[] | undefined) ?? cluster.publicAccessCidrs,
    };
    if (!config.endpointPublicAccess && !config.endpointPrivateAccess)
      throw new AwsError(
        'InvalidParameterException',
        'Cluster must have either private or public endpoint access or both',
      );
    const same =
      config.endpointPublicAccess === cluster.endpointPublicAccess &&
      config.endpointPrivateAccess === cluster.endpointPrivateAccess &&
      config.publicAccessCidrs.join(',') === cluster.publicAccessCidrs.join(',');
    if (same)
      throw new AwsError(
        'InvalidParameterException',
        `Cluster is already at the desired configuration with endpointPrivateAccess: ${cluster.endpointPrivateAccess} , endpointPublicAccess: ${cluster.endpointPublicAccess}, and Public Endpoint Restrictions: [${cluster.publicAccessCidrs.join(', ')}]`,
      );
    const now = call.sim.clock.now();
    const update: EksUpdate = {
      id: call.regionState.ec2.rng.uuid(),
      type: 'EndpointAccessUpdate',
      createdAt: now,
      doneAt: now + Math.max(0, call.sim.timing.transitionMs),
      config,
      applied: false,
    };
    (cluster.updates ??= []).push(update);
    return json(200, { update: updateJson(update) });
  },
};

function boolOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
