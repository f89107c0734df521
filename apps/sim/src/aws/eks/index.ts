import type { AwsService } from '../operation.ts';
import { describeCluster } from './describe-cluster.ts';
import { describeUpdate } from './describe-update.ts';
import { listClusters } from './list-clusters.ts';
import { listTagsForResource } from './list-tags.ts';
import { tagResource, untagResource } from './tag-resource.ts';
import { updateClusterConfig } from './update-cluster-config.ts';

/** Amazon Elastic Kubernetes Service (restJson1). */
export const EKS_SERVICE: AwsService = {
  signingName: 'eks',
  protocol: 'rest-json',
  routes: [
    { method: 'GET', path: '/clusters', operation: listClusters },
    { method: 'GET', path: '/clusters/{name}', operation: describeCluster },
    { method: 'POST', path: '/clusters/{name}/update-config', operation: updateClusterConfig },
    { method: 'GET', path: '/clusters/{name}/updates/{updateId}', operation: describeUpdate },
    { method: 'GET', path: '/tags/{resourceArn}', operation: listTagsForResource },
    { method: 'POST', path: '/tags/{resourceArn}', operation: tagResource },
    { method: 'DELETE', path: '/tags/{resourceArn}', operation: untagResource },
  ],
};
