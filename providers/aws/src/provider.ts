import { UserError, type Resource } from '@escher/protocol';
import {
  OPEN_GATE,
  type AccountRef,
  type DiscoverOptions,
  type DiscoveryScope,
  type MetricPoint,
  type MetricQuery,
  type Provider,
  type ServiceSpec,
} from '@escher/provider-api';
import { ClientPool } from './clients.ts';
import { getMetricData } from './cloudwatch/get-metric-data.ts';
import { arnResourceId } from './core/arn.ts';
import type { AwsContext } from './core/context.ts';
import {
  accountOfRoleArn,
  credentialSources,
  type AwsCredentials,
  type CredentialSource,
} from './credentials.ts';
import { describeRegions } from './ec2/describe-regions.ts';
import { AWS_SERVICES } from './services.ts';
import { DEFAULT_HOME_REGION, type AwsProviderSettings } from './settings.ts';
import { getCallerIdentity } from './sts/get-caller-identity.ts';

interface ResolvedAccount {
  ref: AccountRef;
  source: CredentialSource;
}

/**
 * The AWS provider: accounts from STS (one per identity or assumed role), regions from EC2
 * DescribeRegions, discovery per service and region on the official SDK v3 clients, CPU from
 * CloudWatch. Create it through `awsProvider.create`.
 */
export class AwsProvider implements Provider {
  readonly cloud = 'aws' as const;
  readonly services: readonly ServiceSpec[] = AWS_SERVICES.map(({ id, types, global, paced }) => ({
    id,
    types,
    global,
    ...(paced ? { paced } : {}),
  }));

  private readonly sources: CredentialSource[];
  private readonly pool: ClientPool;
  private readonly home: string;
  private readonly now: () => number;
  private accounts: Promise<Map<string, ResolvedAccount>> | undefined;

  constructor(
    credentials: AwsCredentials,
    private readonly settings: AwsProviderSettings = {},
  ) {
    this.home = settings.homeRegion ?? DEFAULT_HOME_REGION;
    this.now = settings.now ?? Date.now;
    this.sources = credentialSources(
      credentials,
      { region: this.home, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) },
      this.now,
    );
    this.pool = new ClientPool({
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    });
  }

  async listAccounts(options: DiscoverOptions = {}): Promise<AccountRef[]> {
    return [...(await this.resolveAccounts(options)).values()].map((a) => a.ref);
  }

  async listRegions(account: string, options: DiscoverOptions = {}): Promise<string[]> {
    const enabled = await describeRegions(await this.context(account, this.home, options));
    const wanted = this.settings.regions;
    return wanted?.length ? enabled.filter((r) => wanted.includes(r)) : enabled;
  }

  async *discover(scope: DiscoveryScope, options: DiscoverOptions = {}): AsyncGenerator<Resource[]> {
    const service = AWS_SERVICES.find((s) => s.id === scope.service);
    if (!service) {
      throw new UserError('aws-service-unknown', `The AWS provider has no service ${scope.service}`, {
        hint: `Use one of ${AWS_SERVICES.map((s) => s.id).join(', ')}`,
      });
    }
    if (!service.global && scope.region === 'global') {
      throw new UserError('aws-region-required', `${service.id} is regional: give a region, not 'global'`);
    }
    const ctx = await this.context(scope.account, service.global ? 'global' : scope.region, options);
    yield* service.discover(ctx);
  }

  async metrics(
    resource: Resource,
    query: MetricQuery,
    options: DiscoverOptions = {},
  ): Promise<MetricPoint[]> {
    const series =
      resource.type === 'compute.instance'
        ? { namespace: 'AWS/EC2', name: 'InstanceId' }
        : resource.type === 'database.instance'
          ? { namespace: 'AWS/RDS', name: 'DBInstanceIdentifier' }
          : undefined;
    if (!series || resource.cloud !== 'aws') return [];
    const ctx = await this.context(resource.account, resource.region, options);
    return getMetricData(ctx, {
      namespace: series.namespace,
      metric: 'CPUUtilization',
      dimension: { name: series.name, value: arnResourceId(resource.nativeId) },
      start: query.start,
      end: query.end,
      periodSeconds: query.periodSeconds,
      stat: 'Average',
    });
  }

  /** Closes every SDK client and pooled socket. */
  close(): void {
    this.pool.destroy();
  }

  /** Asks STS who each identity is, once; two identities in one account keep the first. */
  private resolveAccounts(options: DiscoverOptions): Promise<Map<string, ResolvedAccount>> {
    if (!this.accounts) {
      const pending = (async () => {
        const identities = await Promise.all(
          this.sources.map(async (source) => {
            const label = source.roleArn ? (accountOfRoleArn(source.roleArn) ?? source.label) : source.label;
            const ctx = this.contextFor(label, this.home, this.home, source, options);
            return { source, identity: await getCallerIdentity(ctx) };
          }),
        );
        const byId = new Map<string, ResolvedAccount>();
        for (const { source, identity } of identities) {
          if (byId.has(identity.account)) continue;
          const name = source.label.startsWith('profile ') ? source.label.slice(8) : identity.account;
          byId.set(identity.account, { ref: { id: identity.account, name }, source });
        }
        return byId;
      })();
      // A failed lookup (bad credentials, network) is retried on the next call.
      pending.catch(() => {
        if (this.accounts === pending) this.accounts = undefined;
      });
      this.accounts = pending;
    }
    return this.accounts;
  }

  /**
   * The clients, gate and clock for one account and region ('global' for IAM and S3's listing):
   * discovery's way in, and the operations' (`createAwsActions`), so both sign as the same
   * identity the account was resolved with.
   */
  async context(account: string, region: string, options: DiscoverOptions = {}): Promise<AwsContext> {
    const resolved = (await this.resolveAccounts(options)).get(account);
    if (!resolved) {
      throw new UserError('aws-account-unknown', `No configured AWS credentials reach account ${account}`, {
        hint: 'Run escher accounts list to see the accounts these credentials reach',
      });
    }
    return this.contextFor(
      account,
      region,
      region === 'global' ? this.home : region,
      resolved.source,
      options,
    );
  }

  private contextFor(
    account: string,
    region: string,
    clientRegion: string,
    source: CredentialSource,
    options: DiscoverOptions,
  ): AwsContext {
    return {
      account,
      region,
      clientRegion,
      clients: this.pool.get(account, clientRegion, source.provider),
      clientsIn: (r) => this.pool.get(account, r, source.provider),
      gate: options.gate ?? OPEN_GATE,
      ...(options.signal ? { signal: options.signal } : {}),
      now: this.now,
      itemConcurrency: this.settings.itemConcurrency ?? 16,
    };
  }
}
