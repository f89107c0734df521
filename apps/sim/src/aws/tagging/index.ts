import type { AwsService } from '../operation.ts';

/** TAGGING (placeholder: operations are added by the tagging work). */
export const TAGGING_SERVICE: AwsService = {
  signingName: 'tagging',
  protocol: 'json',
  targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
  operations: [],
};
