import { readFileSync } from 'node:fs';
import type { Cloud, Resource } from '@escher/protocol';
import type { ProviderActions, ProviderSettings } from '@escher/provider-api';
import { createAwsActions, type AwsCredentials } from '@escher/provider-aws';
import { createAzureActions, type AzureCredentials } from '@escher/provider-azure';
import { createGcpActions, type GcpCredentials } from '@escher/provider-gcp';
import { resolveCredentials, type AccountConfig } from '../cli/accounts-file.ts';
import type { Vault } from '../vault/index.ts';

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

  constructor(
    private readonly accounts: readonly AccountConfig[],
    private readonly vault: Vault,
    private readonly baseEnv: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  /** The actions for a target's cloud account, or undefined when no account (or no implementation) reaches it. */
  actionsFor(target: Resource): ProviderActions | undefined {
    const account = this.accountOf(target);
    if (!account) return undefined;
    if (!this.built.has(account.name)) this.built.set(account.name, this.build(account));
    return this.built.get(account.name);
  }

  /** A command step's environment: a few safe variables of this process plus the target account's credentials. */
  commandEnv(target: Resource): Record<string, string> {
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
    switch (cloud) {
      case 'aws':
        return createAwsActions(credentials as unknown as AwsCredentials, settings);
      case 'azure':
        return createAzureActions(credentials as unknown as AzureCredentials, settings);
      case 'gcp':
        return createGcpActions(credentials as unknown as GcpCredentials, settings);
    }
  }
}
