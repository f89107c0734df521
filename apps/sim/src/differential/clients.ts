import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';

/** One SDK client per service the differential tests call, all pointed at one endpoint. */
export interface AwsClients {
  ec2: EC2Client;
  s3: S3Client;
  rds: RDSClient;
  elbv2: ElasticLoadBalancingV2Client;
  lambda: LambdaClient;
  eks: EKSClient;
  iam: IAMClient;
  kms: KMSClient;
  sts: STSClient;
  cloudwatch: CloudWatchClient;
  ce: CostExplorerClient;
  tagging: ResourceGroupsTaggingAPIClient;
  destroy(): void;
}

export interface ClientOptions {
  endpoint: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Retries hide error codes and slow tests down; differential calls make one attempt. */
  maxAttempts?: number;
}

/**
 * Builds every client with the same endpoint, region and static credentials (so the default chain
 * never probes IMDS), path-style S3, and one attempt per call.
 */
export function awsClients(options: ClientOptions): AwsClients {
  const config = {
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? {
      accessKeyId: 'AKIAEXAMPLEDIFFTEST',
      secretAccessKey: 'differential',
    },
    maxAttempts: options.maxAttempts ?? 1,
  };
  const clients = {
    ec2: new EC2Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    rds: new RDSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    lambda: new LambdaClient(config),
    eks: new EKSClient(config),
    iam: new IAMClient(config),
    kms: new KMSClient(config),
    sts: new STSClient(config),
    cloudwatch: new CloudWatchClient(config),
    ce: new CostExplorerClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
  };
  return {
    ...clients,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/** What a failed SDK call looks like to a user: the error's name (the AWS code) and HTTP status. */
export interface CallError {
  /** The SDK's exception name (`DBInstanceNotFoundFault`, `InvalidInstanceID.NotFound`). */
  name: string;
  /** The wire error code (`DBInstanceNotFound`); the same as `name` where the SDK has no model for it. */
  code: string;
  status: number | undefined;
  message: string;
}

/** Runs `call` expecting it to fail; resolves with the error's code and status. */
export async function errorOf(call: () => Promise<unknown>): Promise<CallError> {
  try {
    await call();
  } catch (error) {
    const e = error as {
      name?: string;
      Code?: unknown;
      message?: string;
      $metadata?: { httpStatusCode?: number };
    };
    const name = e.name ?? 'Error';
    return {
      name,
      code: typeof e.Code === 'string' ? e.Code : name,
      status: e.$metadata?.httpStatusCode,
      message: e.message ?? '',
    };
  }
  return { name: '(no error)', code: '(no error)', status: undefined, message: 'the call succeeded' };
}
