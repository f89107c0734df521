import { UpdateClusterConfigCommand, type VpcConfigRequest } from '@aws-sdk/client-eks';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { arnResourceId } from '../core/arn.ts';
import { describeCluster } from '../eks/describe-cluster.ts';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { gone, send, wrongState } from './op-call.ts';

const Cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'an IPv4 CIDR such as 203.0.113.0/24');

const EndpointConfig = z
  .object({
    endpointPublicAccess: z.boolean(),
    endpointPrivateAccess: z.boolean(),
    publicAccessCidrs: z.array(Cidr).optional(),
  })
  .strict();

/** The catalogue's params, with AWS's shapes for what it narrows. */
const ClusterRestrictParams = operationParams('container.cluster.restrict').extend({
  /** Keep the public endpoint but only for these CIDRs (default: turn the public endpoint off). */
  allowCidrs: z.array(Cidr).min(1).optional(),
  /** Undo: the endpoint settings an earlier restrict changed. */
  restore: EndpointConfig.optional(),
});

/**
 * Takes an EKS API server off the internet: DescribeCluster (kept for the undo), then
 * UpdateClusterConfig with the public endpoint off and the private one on (EKS needs one of the
 * two), or with the public endpoint limited to `allowCidrs`. The cluster is `UPDATING` until EKS
 * finishes (`accepted`); EKS refuses a second update meanwhile. No dry run: the cluster's status is
 * checked. Undo: `restore` the earlier endpoint settings.
 */
export const containerClusterRestrict = awsOperation({
  id: 'container.cluster.restrict',
  types: ['container.cluster'],
  params: ClusterRestrictParams,
  async run({ target, params, dryRun, ctx }) {
    const name = arnResourceId(target.nativeId);
    const cluster = await describeCluster(ctx, name);
    if (!cluster) throw gone(target.nativeId);
    const vpc = cluster.resourcesVpcConfig ?? {};
    const before = {
      endpointPublicAccess: vpc.endpointPublicAccess === true,
      endpointPrivateAccess: vpc.endpointPrivateAccess === true,
      ...(vpc.publicAccessCidrs ? { publicAccessCidrs: vpc.publicAccessCidrs } : {}),
    };
    const wanted: VpcConfigRequest = params.restore
      ? params.restore
      : params.allowCidrs
        ? { endpointPublicAccess: true, publicAccessCidrs: params.allowCidrs }
        : { endpointPublicAccess: false, endpointPrivateAccess: true };
    const unchanged =
      (wanted.endpointPublicAccess === undefined ||
        wanted.endpointPublicAccess === before.endpointPublicAccess) &&
      (wanted.endpointPrivateAccess === undefined ||
        wanted.endpointPrivateAccess === before.endpointPrivateAccess) &&
      (wanted.publicAccessCidrs === undefined ||
        !before.endpointPublicAccess ||
        wanted.publicAccessCidrs.join(',') === (before.publicAccessCidrs ?? []).join(','));
    if (unchanged) return { status: 'succeeded', message: `${name}'s endpoint access is already as asked` };
    if (cluster.status !== 'ACTIVE')
      throw wrongState(
        `eks:UpdateClusterConfig ${name}: ResourceInUseException: the cluster is ${cluster.status ?? 'unknown'}, not ACTIVE`,
      );
    if (dryRun) return localDryRun(`EKS would update ${name}'s endpoint access`);
    const out = await send(ctx, { service: 'eks', operation: 'UpdateClusterConfig' }, (o) =>
      ctx.clients.eks.send(new UpdateClusterConfigCommand({ name, resourcesVpcConfig: wanted }), o),
    );
    return {
      status: 'accepted',
      message:
        `${name}: endpoint update ${out.update?.id ?? ''} ${out.update?.status ?? 'InProgress'}`.replace(
          '  ',
          ' ',
        ),
      undo: params.restore
        ? { operation: 'container.cluster.restrict', params: {} }
        : { operation: 'container.cluster.restrict', params: { restore: before } },
    };
  },
});
