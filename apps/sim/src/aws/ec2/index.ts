import type { AwsService } from '../operation.ts';

/** EC2 (placeholder: operations are added by the ec2 work). */
export const EC2_SERVICE: AwsService = {
  signingName: 'ec2',
  protocol: 'ec2',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: [],
};
