import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { SecureContext } from 'node:tls';
import type { TokenCredential } from '@azure/identity';
import { ComputeManagementClient } from '@azure/arm-compute';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { MonitorClient } from '@azure/arm-monitor';
import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { NetworkManagementClient } from '@azure/arm-network';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { StorageManagementClient } from '@azure/arm-storage';
import { SubscriptionClient } from '@azure/arm-subscriptions';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import type { ProviderSettings } from '@escher/provider-api';
import { trustedTls } from './credentials.ts';

const USER_AGENT = 'escher-provider-azure';

/**
 * Transport: builds the official SDK clients from one credential and the endpoint settings, once
 * per subscription, and keeps them (each holds a connection pool). Everything Azure-wire-specific
 * about reaching a cloud lives here: the ARM endpoint override, the extra CA for TLS, and
 * arm-resourcegraph 4.x being an ms-rest-js client that takes `baseUri` and Node agents instead of
 * `endpoint` and `tlsOptions`.
 *
 * SDK retries are OFF (`retryOptions.maxRetries: 0`, ms-rest-js `noRetryPolicy`): every call goes
 * through the scanner's gate, whose adaptive limiter retries 429s and 5xx itself. SDK retries
 * inside the gate would hide throttling from it (it would never slow down) and sleep out
 * `Retry-After` while holding a call slot. A 429 then surfaces as a RestError with status 429 and
 * its `Retry-After` header, which `toAzureError` maps to `azure-throttled`.
 */
export class AzureClients {
  readonly #credential: TokenCredential;
  readonly #options: {
    endpoint?: string;
    /** A built TLS context, not `ca` (see `trustedTls`). */
    tlsOptions?: { ca?: undefined; secureContext: SecureContext };
    userAgentOptions: { userAgentPrefix: string };
    retryOptions: { maxRetries: number };
  };
  readonly #settings: ProviderSettings;
  readonly #cache = new Map<string, unknown>();
  readonly #secureContext: SecureContext | undefined;

  constructor(credential: TokenCredential, settings: ProviderSettings = {}) {
    this.#credential = credential;
    this.#settings = settings;
    const tlsOptions = trustedTls(settings.caCert);
    this.#secureContext = tlsOptions?.secureContext;
    this.#options = {
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(tlsOptions ? { tlsOptions } : {}),
      userAgentOptions: { userAgentPrefix: USER_AGENT },
      retryOptions: { maxRetries: 0 },
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
      const secureContext = this.#secureContext;
      return new ResourceGraphClient(this.#credential, {
        ...(this.#settings.endpoint ? { baseUri: this.#settings.endpoint } : {}),
        userAgent: (base: string) => `${USER_AGENT} ${base}`,
        noRetryPolicy: true,
        agentSettings: {
          https: new HttpsAgent({ keepAlive: true, ...(secureContext ? { secureContext } : {}) }),
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

  // The clients below serve provider operations (src/operations/): mutations and one-resource reads.

  network(subscriptionId: string): NetworkManagementClient {
    return this.#once(
      `network:${subscriptionId}`,
      () => new NetworkManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }

  postgres(subscriptionId: string): PostgreSQLManagementFlexibleServerClient {
    return this.#once(
      `postgres:${subscriptionId}`,
      () => new PostgreSQLManagementFlexibleServerClient(this.#credential, subscriptionId, this.#options),
    );
  }

  mysql(subscriptionId: string): MySQLManagementFlexibleServerClient {
    return this.#once(
      `mysql:${subscriptionId}`,
      () => new MySQLManagementFlexibleServerClient(this.#credential, subscriptionId, this.#options),
    );
  }

  containers(subscriptionId: string): ContainerServiceClient {
    return this.#once(
      `containers:${subscriptionId}`,
      () => new ContainerServiceClient(this.#credential, subscriptionId, this.#options),
    );
  }

  /** Generic resources (GET/PATCH by id) and tags at scope. */
  resources(subscriptionId: string): ResourceManagementClient {
    return this.#once(
      `resources:${subscriptionId}`,
      () => new ResourceManagementClient(this.#credential, subscriptionId, this.#options),
    );
  }
}
