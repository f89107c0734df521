import type { AwsService } from '../operation.ts';
import { describeDbInstances } from './describe-db-instances.ts';
import { modifyDbInstance } from './modify-db-instance.ts';
import { createDbSnapshot, describeDbSnapshots } from './snapshots.ts';
import { rebootDbInstance, startDbInstance, stopDbInstance } from './start-stop-reboot.ts';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './tags.ts';

/** Amazon Relational Database Service (awsQuery, 2014-10-31). */
export const RDS_SERVICE: AwsService = {
  signingName: 'rds',
  protocol: 'query',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  operations: [
    describeDbInstances,
    startDbInstance,
    stopDbInstance,
    rebootDbInstance,
    modifyDbInstance,
    createDbSnapshot,
    describeDbSnapshots,
    listTagsForResource,
    addTagsToResource,
    removeTagsFromResource,
  ],
};
