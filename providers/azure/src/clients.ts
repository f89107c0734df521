import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import { ComputeManagementClient } from '@azure/arm-compute';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { MonitorClient } from '@azure/arm-monitor';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { StorageManagementClient } from '@azure/arm-storage';
import { SubscriptionClient } from '@azure/arm-subscriptions';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import type { ProviderSettings } from '@escher/provider-api';
import { trustedCas } from './credentials.ts';

const USER_AGENT = 'escher-provider-azure';

/**
 * Transport: builds the official SDK clients from one credential and the endpoint settings, once
 * per subscription, and keeps them (each holds a connection pool). Everything Azure-wire-specific
 * about reaching a cloud lives here: the ARM endpoint override, the extra CA for TLS, and
 * arm-resourcegraph 4.x being an ms-rest-js client that takes `baseUri` and Node agents instead of
 * `endpoint` and `tlsOptions`. SDK retries stay on (429/5xx with Retry-After).
 */
export class AzureClients {
  readonly #credential: TokenCredential;
  readonly #options: {
    endpoint?: string;
    tlsOptions?: { ca: string[] };
    userAgentOptions: { userAgentPrefix: string };
  };
  readonly #settings: ProviderSettings;
  readonly #cache = new Map<string, unknown>();

  constructor(credential: TokenCredential, settings: ProviderSettings = {}) {
    this.#credential = credential;
    this.#settings = settings;
    const ca = trustedCas(settings.caCert);
    this.#options = {
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(ca ? { tlsOptions: { ca } } : {}),
      userAgentOptions: { userAgentPrefix: USER_AGENT },
    };
  }

  #once<T>(key: string, make: () => T): T {
    let client = this.#cache.get(key) as T | undefined;
    if (client === undefined) {
      client = make();
      this.#cache.set(key, client);
    }
    return client;
  }

  subscriptions(): SubscriptionClient {
    return this.#once('subscriptions', () => new SubscriptionClient(this.#credential, this.#options));
  }

  resourceGraph(): ResourceGraphClient {
    return this.#once('graph', () => {
      const ca = trustedCas(this.#settings.caCert);
      return new ResourceGraphClient(this.#credential, {
        ...(this.#settings.endpoint ? { baseUri: this.#settings.endpoint } : {}),
        userAgent: (base: string) => `${USER_AGENT} ${base}`,
        agentSettings: {
          https: new HttpsAgent({ keepAlive: true, ...(ca ? { ca } : {}) }),
          http: new HttpAgent({ keepAlive: true }),
        },
      });
    });
  }

  storage(subscriptionId: string): StorageManagementClient {
    return this.#once(
      `storage:${subscriptionId}`,
      () => new StorageManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }

  keyVault(subscriptionId: string): KeyVaultManagementClient {
    return this.#once(
      `keyvault:${subscriptionId}`,
      () => new KeyVaultManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }

  web(subscriptionId: string): WebSiteManagementClient {
    return this.#once(
      `web:${subscriptionId}`,
      () => new WebSiteManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }

  compute(subscriptionId: string): ComputeManagementClient {
    return this.#once(
      `compute:${subscriptionId}`,
      () => new ComputeManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }

  monitor(subscriptionId: string): MonitorClient {
    return this.#once(
      `monitor:${subscriptionId}`,
      () => new MonitorClient(this.#credential, subscriptionId, this.#options),
    );
  }
}
