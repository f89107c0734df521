import type { AwsService } from '../operation.ts';
import { describeCluster } from './describe-cluster.ts';
import { listClusters } from './list-clusters.ts';
import { listTagsForResource } from './list-tags.ts';

/** Amazon Elastic Kubernetes Service (restJson1). */
export const EKS_SERVICE: AwsService = {
  signingName: 'eks',
  protocol: 'rest-json',
  routes: [
    { method: 'GET', path: '/clusters', operation: listClusters },
    { method: 'GET', path: '/clusters/{name}', operation: describeCluster },
    { method: 'GET', path: '/tags/{resourceArn}', operation: listTagsForResource },
  ],
};
