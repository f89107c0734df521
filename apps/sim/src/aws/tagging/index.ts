import type { AwsService } from '../operation.ts';
import { getResources } from './get-resources.ts';

/** AWS Resource Groups Tagging API (awsJson1_1, `ResourceGroupsTaggingAPI_20170126`). */
export const TAGGING_SERVICE: AwsService = {
  signingName: 'tagging',
  protocol: 'json',
  targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
  operations: [getResources],
};
