import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import {
  AzureCliCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { UserError } from '@escher/protocol';
import type { ProviderSettings } from '@escher/provider-api';

/**
 * The ways Azure users already authenticate, as Escher stores them:
 * - `service-principal`: an app registration's client secret (what CI and `az ad sp create-for-rbac` give);
 * - `cli`: whoever is logged in with `az login`;
 * - `default`: DefaultAzureCredential's chain (AZURE_* env vars, workload identity, managed identity,
 *   Azure CLI, Azure Developer CLI, Azure PowerShell), for daemons running inside Azure.
 *
 * @example
 * azureProvider.create({ kind: 'service-principal', tenantId, clientId, clientSecret });
 */
export type AzureCredentials =
  | { kind: 'service-principal'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'cli'; tenantId?: string }
  | { kind: 'default'; tenantId?: string; managedIdentityClientId?: string };

/** The hint every credential error carries: how a user fixes it. */
export const CREDENTIALS_HINT =
  'Run az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal';

/**
 * TLS trust for a private CA (the simulator's self-signed certificate, a TLS-inspecting proxy):
 * the CA in addition to Node's bundled roots, so real Azure endpoints keep working beside it.
 * Accepts a PEM text or a path to a PEM file.
 */
export function trustedCas(caCert: string | undefined): string[] | undefined {
  if (!caCert) return undefined;
  if (caCert.includes('-----BEGIN')) return [...rootCertificates, caCert];
  try {
    return [...rootCertificates, readFileSync(caCert, 'utf8')];
  } catch (error) {
    throw new UserError('azure-ca-unreadable', `Cannot read the CA certificate ${caCert}`, {
      hint: 'Give the PEM text or the path of a readable PEM file (escher-sim --ca-file writes one)',
      cause: error,
    });
  }
}

const contexts = new Map<string, SecureContext>();

/**
 * The Azure SDKs' `tlsOptions` for a private CA: one TLS context built from `trustedCas`,
 * shared by every client and the credential. Not `{ ca }`: the SDK pipeline spreads its
 * `tlsOptions` into an https.Agent, and an agent given `ca` (Node's ~140 roots plus the private
 * CA) builds a secure context for every connection and joins that whole list into its pool key
 * on every request — seconds of CPU over a large sync. `ca?: undefined` keeps the SDKs'
 * TlsSettings type satisfied.
 */
export function trustedTls(
  caCert: string | undefined,
): { ca?: undefined; secureContext: SecureContext } | undefined {
  const ca = trustedCas(caCert);
  if (!ca || !caCert) return undefined;
  let secureContext = contexts.get(caCert);
  if (!secureContext) contexts.set(caCert, (secureContext = createSecureContext({ ca })));
  return { secureContext };
}

/**
 * Builds the @azure/identity credential for `credentials`. With an endpoint override (the
 * simulator, a sovereign or private cloud) the authority is that endpoint and instance discovery
 * is off, since it would otherwise ask login.microsoftonline.com which authorities exist.
 */
export function buildCredential(
  credentials: AzureCredentials,
  settings: ProviderSettings = {},
): TokenCredential {
  const tlsOptions = trustedTls(settings.caCert);
  const common = {
    ...(settings.endpoint ? { authorityHost: settings.endpoint, disableInstanceDiscovery: true } : {}),
    ...(tlsOptions ? { tlsOptions } : {}),
  };
  switch (credentials.kind) {
    case 'service-principal': {
      const missing = (['tenantId', 'clientId', 'clientSecret'] as const).filter(
        (k) => !credentials[k]?.trim(),
      );
      if (missing.length > 0)
        throw new UserError(
          'azure-credentials-invalid',
          `Azure service principal is missing ${missing.join(', ')}`,
          {
            hint: 'Give the tenant id, the application (client) id and a client secret of the app registration',
          },
        );
      return new ClientSecretCredential(
        credentials.tenantId,
        credentials.clientId,
        credentials.clientSecret,
        common,
      );
    }
    case 'cli':
      return new AzureCliCredential(credentials.tenantId ? { tenantId: credentials.tenantId } : {});
    case 'default':
      return new DefaultAzureCredential({
        ...common,
        ...(credentials.tenantId ? { tenantId: credentials.tenantId } : {}),
        ...(credentials.managedIdentityClientId
          ? { managedIdentityClientId: credentials.managedIdentityClientId }
          : {}),
      });
    default:
      throw new UserError(
        'azure-credentials-invalid',
        `Unknown Azure credential kind '${String((credentials as { kind?: unknown }).kind)}'`,
        { hint: "Use kind 'service-principal', 'cli' or 'default'" },
      );
  }
}
