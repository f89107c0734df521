import type { AwsService } from '../operation.ts';
import { assumeRole } from './assume-role.ts';
import { getCallerIdentity } from './get-caller-identity.ts';

/** AWS Security Token Service (awsQuery). */
export const STS_SERVICE: AwsService = {
  signingName: 'sts',
  protocol: 'query',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  global: true,
  operations: [getCallerIdentity, assumeRole],
};
