import { readFileSync } from 'node:fs';
import { UnexpectedError, type Cloud, type Resource } from '@escher/protocol';
import type { ProviderActions, ProviderSettings } from '@escher/provider-api';
import type { AwsCredentials } from '@escher/provider-aws';
import type { AzureCredentials } from '@escher/provider-azure';
import type { GcpCredentials } from '@escher/provider-gcp';
import { resolveCredentials, type AccountConfig } from '../cli/accounts-file.ts';
import { createRedactor, type Redactor } from '../vault/redact.ts';
import type { Vault } from '../vault/index.ts';

/**
 * The provider packages, imported only when a plan or apply touches their cloud: each pulls in
 * its cloud's SDK (seconds of start-up for GCP), which `escher executions` or an AWS-only run
 * never needs.
 */
const PROVIDER_MODULES = {
  aws: () => import('@escher/provider-aws'),
  azure: () => import('@escher/provider-azure'),
  gcp: () => import('@escher/provider-gcp'),
};
type ProviderModules = {
  aws?: Awaited<ReturnType<(typeof PROVIDER_MODULES)['aws']>>;
  azure?: Awaited<ReturnType<(typeof PROVIDER_MODULES)['azure']>>;
  gcp?: Awaited<ReturnType<(typeof PROVIDER_MODULES)['gcp']>>;
};

/** The provider packages loaded in this process (modules load once per process anyway). */
const MODULES: ProviderModules = {};

/**
 * Imports the provider packages of these clouds, so `AccountActions.actionsFor` can build their
 * clients. The engine calls it before planning or applying, with the clouds of the targets.
 */
export async function loadProviders(clouds: Iterable<Cloud>): Promise<void> {
  await Promise.all(
    [...new Set(clouds)].map(async (c) => {
      if (c === 'aws') MODULES.aws ??= await PROVIDER_MODULES.aws();
      else if (c === 'azure') MODULES.azure ??= await PROVIDER_MODULES.azure();
      else MODULES.gcp ??= await PROVIDER_MODULES.gcp();
    }),
  );
}

/** Clouds whose provider package this process has loaded (start-up measurements look). */
export function loadedProviders(): Cloud[] {
  return (Object.keys(MODULES) as Cloud[]).filter((c) => MODULES[c] !== undefined);
}

/** Environment variables a command step keeps from the Escher process; everything else is dropped. */
const KEPT_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'KUBECONFIG', 'SYSTEMROOT'];

/**
 * The provider actions and command environments of the configured accounts, built lazily (one
 * set of SDK clients per account) and closed together. A target is served by the account of
 * its cloud whose configuration names the target's account id (an AWS role ARN, a GCP
 * project), else by the only account of that cloud.
 */
export class AccountActions {
  private readonly built = new Map<string, ProviderActions | undefined>();
  /** Assumed-role keys per account name and AWS account id: one AssumeRole per run, not per step. */
  private readonly assumed = new Map<string, Promise<Record<string, string>>>();
  /** Secrets this process obtained itself (assumed-role keys), redacted like the vault's. */
  private readonly obtained: string[] = [];
  private obtainedRedactor: Redactor | undefined;

  constructor(
    private readonly accounts: readonly AccountConfig[],
    private readonly vault: Vault,
    private readonly baseEnv: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  /** Loads the provider packages of the clouds among these that have a configured account. */
  async load(clouds: Iterable<Cloud>): Promise<void> {
    await loadProviders([...clouds].filter((c) => this.accounts.some((a) => a.cloud === c)));
  }

  /** The actions for a target's cloud account, or undefined when no account (or no implementation) reaches it. */
  actionsFor(target: Resource): ProviderActions | undefined {
    const account = this.accountOf(target);
    if (!account) return undefined;
    if (!this.built.has(account.name)) this.built.set(account.name, this.build(account));
    return this.built.get(account.name);
  }

  /**
   * A command step's environment: a few safe variables of this process plus the target account's
   * credentials. For an AWS account configured with role ARNs, the keys are the role assumed in
   * the target's account (STS AssumeRole, once per account per process) with its session token,
   * never the base keys: the command acts as the same identity the SDK operations do.
   */
  async commandEnv(target: Resource): Promise<Record<string, string>> {
    const env = this.baseCommandEnv(target);
    const account = this.accountOf(target);
    if (account?.cloud !== 'aws') return env;
    const credentials = resolveCredentials(this.vault, account);
    if (credentials['kind'] !== 'roles') return env;
    const key = `${account.name}\u0000${target.account}`;
    if (!this.assumed.has(key)) {
      const pending = this.assumeRole(account, credentials as unknown as AwsCredentials, target);
      // A failed AssumeRole is not cached: the next step tries again.
      pending.catch(() => this.assumed.delete(key));
      this.assumed.set(key, pending);
    }
    return { ...env, ...(await (this.assumed.get(key) as Promise<Record<string, string>>)) };
  }

  /**
   * Redacts the secrets this process obtained itself (assumed-role keys and session tokens);
   * the caller chains it with the vault's redactor.
   */
  redactObtained(text: string): string {
    if (this.obtained.length === 0) return text;
    this.obtainedRedactor ??= createRedactor(this.obtained);
    return this.obtainedRedactor.redact(text);
  }

  private async assumeRole(
    account: AccountConfig,
    credentials: AwsCredentials,
    target: Resource,
  ): Promise<Record<string, string>> {
    await loadProviders(['aws']);
    const keys = await (MODULES.aws as NonNullable<ProviderModules['aws']>).assumedRoleKeys(
      credentials,
      target.account,
      { region: target.region, ...(account.endpoint ? { endpoint: account.endpoint } : {}) },
    );
    if (!keys) return {};
    this.obtained.push(keys.secretAccessKey, ...(keys.sessionToken ? [keys.sessionToken] : []));
    this.obtainedRedactor = undefined;
    return {
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    };
  }

  private baseCommandEnv(target: Resource): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of KEPT_ENV) {
      const v = this.baseEnv[k];
      if (v !== undefined) env[k] = v;
    }
    const account = this.accountOf(target);
    if (!account) return env;
    const c = resolveCredentials(this.vault, account);
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const put = (k: string, v: unknown): void => {
      const s = str(v);
      if (s !== undefined) env[k] = s;
    };
    switch (account.cloud) {
      case 'aws': {
        const keys = (c['kind'] === 'roles' ? c['base'] : c) as Record<string, unknown> | undefined;
        if (keys?.['kind'] === 'keys') {
          put('AWS_ACCESS_KEY_ID', keys['accessKeyId']);
          put('AWS_SECRET_ACCESS_KEY', keys['secretAccessKey']);
          put('AWS_SESSION_TOKEN', keys['sessionToken']);
        } else if (keys?.['kind'] === 'profile') put('AWS_PROFILE', keys['profile']);
        put('AWS_ENDPOINT_URL', account.endpoint);
        env['AWS_DEFAULT_REGION'] = target.region;
        env['AWS_REGION'] = target.region;
        break;
      }
      case 'azure':
        put('AZURE_TENANT_ID', c['tenantId']);
        put('AZURE_CLIENT_ID', c['clientId']);
        put('AZURE_CLIENT_SECRET', c['clientSecret']);
        env['AZURE_SUBSCRIPTION_ID'] = target.account;
        break;
      case 'gcp':
        if (c['kind'] === 'access-token') put('CLOUDSDK_AUTH_ACCESS_TOKEN', c['token']);
        if (c['kind'] === 'key-file') put('GOOGLE_APPLICATION_CREDENTIALS', c['path']);
        env['CLOUDSDK_CORE_PROJECT'] = target.account;
        put(
          'CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE',
          account.endpoint ? `${account.endpoint}/compute/v1/` : undefined,
        );
        break;
    }
    return env;
  }

  /** Releases SDK clients and sockets. */
  close(): void {
    for (const a of this.built.values()) {
      const closable = a as Partial<{ close(): void }> | undefined;
      if (typeof closable?.close === 'function') closable.close();
    }
  }

  private accountOf(target: Resource): AccountConfig | undefined {
    const same = this.accounts.filter((a) => a.cloud === target.cloud);
    return (
      same.find((a) => JSON.stringify(a.credentials).includes(target.account)) ??
      (same.length === 1 ? same[0] : undefined)
    );
  }

  private build(account: AccountConfig): ProviderActions | undefined {
    const credentials = resolveCredentials(this.vault, account);
    const settings: ProviderSettings = {
      ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      ...(account.caFile ? { caCert: readFileSync(account.caFile, 'utf8') } : {}),
    };
    const cloud: Cloud = account.cloud;
    const { aws, azure, gcp } = MODULES;
    switch (cloud) {
      case 'aws':
        return aws
          ? aws.createAwsActions(credentials as unknown as AwsCredentials, settings)
          : notLoaded(cloud);
      case 'azure':
        return azure
          ? azure.createAzureActions(credentials as unknown as AzureCredentials, settings)
          : notLoaded(cloud);
      case 'gcp':
        return gcp
          ? gcp.createGcpActions(credentials as unknown as GcpCredentials, settings)
          : notLoaded(cloud);
    }
  }
}

function notLoaded(cloud: Cloud): never {
  throw new UnexpectedError('provider-not-loaded', `The ${cloud} provider was used before it was loaded`, {
    hint: 'Call AccountActions.load([cloud]) first (the engine does before planning and applying)',
  });
}
