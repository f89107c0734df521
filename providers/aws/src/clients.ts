import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './credentials.ts';

/** The SDK clients of one account and region. Built on first use, then reused. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly rds: RDSClient;
  readonly lambda: LambdaClient;
  readonly eks: EKSClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly cloudwatch: CloudWatchClient;
}

export interface ClientPoolOptions {
  endpoint?: string;
  maxAttempts?: number;
}

const CONSTRUCTORS = {
  ec2: EC2Client,
  elbv2: ElasticLoadBalancingV2Client,
  rds: RDSClient,
  lambda: LambdaClient,
  eks: EKSClient,
  kms: KMSClient,
  s3: S3Client,
  iam: IAMClient,
  sts: STSClient,
  cloudwatch: CloudWatchClient,
} as const;

const ignore = (): void => {};

/**
 * A logger with no `info`. The SDK's logger middleware calls `logger?.info?.({ … output:
 * outputFilterSensitiveLog(output) })` after every call, and its default no-op logger has an
 * `info`, so the arguments are built anyway: a walk of the whole response against its schema to
 * mask sensitive fields, for nothing (~5 % of a large sync's CPU). Without `info` the optional
 * call skips them. Warnings and errors still have somewhere to go.
 */
const QUIET_LOGGER = { trace: ignore, debug: ignore, warn: ignore, error: ignore } as unknown as NonNullable<
  EC2ClientConfig['logger']
>;

/**
 * Builds SDK clients per account and region from a credential provider, pointed at a custom
 * endpoint when one is set (every client, S3 path-style). All clients share two keep-alive
 * agents, so a scan over dozens of regions reuses sockets instead of opening a pool per client.
 */
export class ClientPool {
  private readonly byScope = new Map<string, AwsClients>();
  private readonly requestHandler = {
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 128 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 128 }),
  };

  constructor(private readonly options: ClientPoolOptions) {}

  /** The clients for `account` in `region`, signing with `credentials`. */
  get(account: string, region: string, credentials: CredentialProvider): AwsClients {
    const key = `${account}/${region}`;
    let clients = this.byScope.get(key);
    if (!clients) {
      clients = this.build(region, credentials);
      this.byScope.set(key, clients);
    }
    return clients;
  }

  /** Closes every client and socket (the provider is done). */
  destroy(): void {
    for (const clients of this.byScope.values()) {
      for (const name of Object.keys(CONSTRUCTORS) as (keyof AwsClients)[]) {
        if (Object.getOwnPropertyDescriptor(clients, name)?.value) clients[name].destroy();
      }
    }
    this.byScope.clear();
    this.requestHandler.httpAgent.destroy();
    this.requestHandler.httpsAgent.destroy();
  }

  private build(region: string, credentials: CredentialProvider): AwsClients {
    const { endpoint, maxAttempts } = this.options;
    const config = {
      region,
      credentials,
      requestHandler: this.requestHandler,
      logger: QUIET_LOGGER,
      ...(endpoint ? { endpoint } : {}),
      ...(maxAttempts ? { maxAttempts } : {}),
    };
    const clients = {} as Record<keyof AwsClients, unknown>;
    for (const [name, Client] of Object.entries(CONSTRUCTORS) as [
      keyof AwsClients,
      new (c: object) => unknown,
    ][]) {
      // Lazily: a scope that only lists buckets never builds an EC2 client.
      Object.defineProperty(clients, name, {
        enumerable: true,
        configurable: true,
        get() {
          const extra =
            name === 's3' ? (endpoint ? { forcePathStyle: true } : { followRegionRedirects: true }) : {};
          const client = new Client({ ...config, ...extra });
          Object.defineProperty(clients, name, { value: client, enumerable: true });
          return client;
        },
      });
    }
    return clients as unknown as AwsClients;
  }
}
