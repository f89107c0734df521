import { CE_SERVICE } from './ce/index.ts';
import { CLOUDWATCH_SERVICE } from './cloudwatch/index.ts';
import { EC2_SERVICE } from './ec2/index.ts';
import { EKS_SERVICE } from './eks/index.ts';
import { ELBV2_SERVICE } from './elbv2/index.ts';
import { IAM_SERVICE } from './iam/index.ts';
import { KMS_SERVICE } from './kms/index.ts';
import { LAMBDA_SERVICE } from './lambda/index.ts';
import type { AwsService } from './operation.ts';
import { RDS_SERVICE } from './rds/index.ts';
import { S3_SERVICE } from './s3/index.ts';
import { STS_SERVICE } from './sts/index.ts';
import { TAGGING_SERVICE } from './tagging/index.ts';

/** Every AWS service the simulator serves, by SigV4 signing name. */
export const AWS_SERVICES: ReadonlyMap<string, AwsService> = new Map(
  [
    EC2_SERVICE,
    S3_SERVICE,
    RDS_SERVICE,
    ELBV2_SERVICE,
    LAMBDA_SERVICE,
    EKS_SERVICE,
    IAM_SERVICE,
    KMS_SERVICE,
    STS_SERVICE,
    CLOUDWATCH_SERVICE,
    CE_SERVICE,
    TAGGING_SERVICE,
  ].map((s) => [s.signingName, s]),
);

/** Finds the service a JSON request targets by its `X-Amz-Target` prefix (unsigned requests). */
export function serviceByTarget(target: string): AwsService | undefined {
  const prefix = target.split('.')[0];
  for (const service of AWS_SERVICES.values()) if (service.targetPrefix === prefix) return service;
  return undefined;
}
