import { randomBytes, randomUUID } from 'node:crypto';
import { json, type SimRequest, type SimResponse } from '../core/http.ts';
import { AZURE_TENANT_ID } from './constants.ts';

/**
 * The Microsoft identity platform endpoints a credential needs: OpenID discovery (v2.0 and v1),
 * instance discovery, the token endpoint (any tenant, client and secret accepted; the token is a
 * JWT-shaped opaque bearer), the key set, and ARM's cloud metadata (`az cloud register`).
 * Returns undefined for anything else.
 */
export function identityResponse(
  req: SimRequest,
  segments: readonly string[],
  baseUrl: string,
): SimResponse | undefined {
  const lower = segments.map((s) => s.toLowerCase());
  const tenant = segments[0] ?? AZURE_TENANT_ID;
  const path = lower.join('/');
  if (req.method === 'GET') {
    if (
      lower.length === 4 &&
      lower[1] === 'v2.0' &&
      lower[2] === '.well-known' &&
      lower[3] === 'openid-configuration'
    ) {
      return json(200, openIdConfiguration(baseUrl, tenant, true));
    }
    if (lower.length === 3 && lower[1] === '.well-known' && lower[2] === 'openid-configuration') {
      return json(200, openIdConfiguration(baseUrl, tenant, false));
    }
    if (path === 'common/discovery/instance' || path === `${lower[0]}/discovery/instance`) {
      const host = new URL(baseUrl).host;
      return json(200, {
        tenant_discovery_endpoint: `${baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    if (lower.length >= 3 && lower[1] === 'discovery' && lower.at(-1) === 'keys')
      return json(200, { keys: [] });
    if (path === 'metadata/endpoints') return json(200, cloudMetadata(baseUrl));
  }
  if (req.method === 'POST' && lower.length >= 3 && lower[1] === 'oauth2' && lower.at(-1) === 'token') {
    return token(req, tenant, baseUrl);
  }
  return undefined;
}

function openIdConfiguration(baseUrl: string, tenant: string, v2: boolean): Record<string, unknown> {
  const root = `${baseUrl}/${tenant}`;
  const oauth = v2 ? `${root}/oauth2/v2.0` : `${root}/oauth2`;
  return {
    token_endpoint: `${oauth}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${root}/discovery/${v2 ? 'v2.0/' : ''}keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: v2 ? `${root}/v2.0` : `${baseUrl}/${tenant}/`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
    authorization_endpoint: `${oauth}/authorize`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${oauth}/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'tid', 'oid'],
    kerberos_endpoint: `${root}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

function token(req: SimRequest, tenant: string, baseUrl: string): SimResponse {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) {
    const traceId = randomUUID();
    return json(400, {
      error: 'invalid_request',
      error_description: `AADSTS900144: The request body must contain the following parameter: 'grant_type'. Trace ID: ${traceId} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [900144],
      timestamp: new Date().toISOString().replace('T', ' '),
      trace_id: traceId,
      correlation_id: randomUUID(),
    });
  }
  const clientId = form.get('client_id') ?? '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = 3599;
  const claims = {
    aud: 'https://management.azure.com',
    iss: `${baseUrl}/${tenant}/`,
    iat: now,
    nbf: now,
    exp: now + expiresIn,
    appid: clientId,
    oid: '3f2c7b2e-0f2b-4d3b-9a31-5b6b7c8d9e0f',
    sub: '3f2c7b2e-0f2b-4d3b-9a31-5b6b7c8d9e0f',
    tid:
      tenant.toLowerCase() === 'common' || tenant.toLowerCase() === 'organizations'
        ? AZURE_TENANT_ID
        : tenant,
    ver: '1.0',
  };
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const accessToken = `${encode({ typ: 'JWT', alg: 'RS256', kid: 'escher-sim' })}.${encode(claims)}.${randomBytes(32).toString('base64url')}`;
  return json(
    200,
    { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken },
    { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
  );
}

/** ARM's cloud metadata, pointing every endpoint at the simulator. */
function cloudMetadata(baseUrl: string): Record<string, unknown> {
  return {
    portal: baseUrl,
    authentication: {
      loginEndpoint: baseUrl,
      audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
      tenant: 'common',
      identityProvider: 'AAD',
    },
    media: baseUrl,
    graphAudience: 'https://graph.windows.net/',
    graph: baseUrl,
    name: 'EscherSim',
    suffixes: {
      azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
      acrLoginServer: 'azurecr.io',
      sqlServerHostname: 'database.windows.net',
      azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
      keyVaultDns: 'vault.azure.net',
      storage: 'core.windows.net',
      azureFrontDoorEndpointSuffix: 'azurefd.net',
    },
    batch: 'https://batch.core.windows.net/',
    resourceManager: baseUrl,
    vmImageAliasDoc: `${baseUrl}/vmimagealiases.json`,
    activeDirectoryDataLake: 'https://datalake.azure.net/',
    sqlManagement: baseUrl,
    gallery: baseUrl,
  };
}
