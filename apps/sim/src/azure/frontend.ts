import type { CallInfo } from '../core/call.ts';
import type { CloudFrontend, InjectedFault, SimContext } from '../core/frontend.ts';
import { header, json, type SimRequest, type SimResponse } from '../core/http.ts';
import { AzureError, renderAzureError } from './arm/errors.ts';
import { decorate, renderFault } from './arm/faults.ts';
import type { ArmRequest, ArmSession } from './arm/request.ts';
import { ArmRouter, type RouteMatch } from './arm/router.ts';
import { findResource, sweep } from './estate.ts';
import { identityResponse } from './identity.ts';
import { renderResource } from './render/resources.ts';
import { ARM_ROUTES, KNOWN_NAMESPACES } from './routes/index.ts';
import { serviceOfNamespace } from './routes/resources.ts';

export interface AzureFrontendOptions {
  /** This endpoint's own base URL (for Location headers, discovery documents, self links). */
  baseUrl: string;
}

/** Splits and percent-decodes a path; repeated slashes collapse (`//subscriptions/…` from SDKs). */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
}

/**
 * The Azure frontend: the identity platform's token endpoints, then Azure Resource Manager over
 * HTTPS (case-insensitive paths, bearer required, api-version not validated), Resource Graph,
 * Azure Monitor metrics and Cost Management.
 */
export function createAzureFrontend(ctx: SimContext, options: AzureFrontendOptions): CloudFrontend {
  const { baseUrl } = options;
  const router = new ArmRouter(ARM_ROUTES);
  const matches = new WeakMap<SimRequest, RouteMatch>();
  const session: ArmSession = { graph: new Map() };

  function identify(req: SimRequest): CallInfo | SimResponse {
    let segments: string[];
    try {
      segments = segmentsOf(req.path);
    } catch {
      return renderAzureError(
        new AzureError(400, 'InvalidRequestUri', `The request URI '${req.path}' is not valid.`),
      );
    }
    const identity = identityResponse(req, segments, baseUrl);
    if (identity) return identity;
    const auth = header(req, 'authorization');
    if (!auth || !/^Bearer\s+\S+/i.test(auth)) {
      const missing = !auth;
      return json(
        401,
        {
          error: missing
            ? {
                code: 'AuthenticationFailed',
                message: "Authentication failed. The 'Authorization' header is missing.",
              }
            : { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' },
        },
        {
          'WWW-Authenticate': `Bearer authorization_uri="${baseUrl}/", error="invalid_token", error_description="${missing ? "The authentication failed because of missing 'Authorization' header." : 'The access token is invalid.'}"`,
        },
      );
    }
    const match = router.match(req.method, segments) ?? fallback(req, segments);
    if (match === 'methodMismatch') {
      return renderAzureError(
        new AzureError(
          405,
          'MethodNotAllowed',
          `The requested resource does not support http method '${req.method}'.`,
        ),
      );
    }
    if (!match) return renderAzureError(unknownPath(req, segments));
    matches.set(req, match);
    return callInfo(req, match, segments);
  }

  /** GET of any resource by its ID (resources.getById), for types without their own route. */
  function fallback(req: SimRequest, segments: readonly string[]): RouteMatch | undefined {
    if (req.method !== 'GET' || segments.length < 8) return undefined;
    const id = '/' + segments.join('/');
    const found = findResource(ctx.estate().azure, id);
    if (!found) return undefined;
    return {
      route: {
        method: 'GET',
        path: id,
        service: serviceOfNamespace(found.type.split('/')[0]!),
        operation: 'resources.getById',
        handle: (rc) => json(200, renderResource(rc.az, found, rc.ctx.clock)),
      },
      params: { subscriptionId: segments[1]!, resourceGroupName: segments[3]! },
    };
  }

  function callInfo(req: SimRequest, match: RouteMatch, segments: readonly string[]): CallInfo {
    const { route, params } = match;
    return {
      cloud: 'azure',
      service: typeof route.service === 'function' ? route.service(params) : route.service,
      operation: route.operation,
      account: (
        params['subscriptionId'] ??
        accountFromScope(params['scope']) ??
        accountFromBody(req) ??
        ''
      ).toLowerCase(),
      region: regionOf(params, segments),
      mutating: route.method !== 'GET' && route.method !== 'HEAD' && !route.read,
    };
  }

  function regionOf(params: Record<string, string>, segments: readonly string[]): string {
    if (params['location']) return params['location'].toLowerCase();
    const az = ctx.estate().azure;
    const id =
      params['scope'] ??
      (segments.length >= 8 && segments[4]!.toLowerCase() === 'providers'
        ? '/' + segments.slice(0, 8).join('/')
        : undefined);
    return (id && findResource(az, id)?.location) || 'global';
  }

  async function handle(req: SimRequest, call: CallInfo): Promise<SimResponse> {
    let match = matches.get(req);
    if (!match) {
      const again = identify(req);
      if (!('operation' in again)) return again;
      match = matches.get(req)!;
    }
    const az = ctx.estate().azure;
    const now = ctx.clock.now();
    sweep(az, now);
    const rc: ArmRequest = { req, params: match.params, ctx, az, now, baseUrl, call, session };
    try {
      validateName(req, match.params);
      return await match.route.handle(rc);
    } catch (error) {
      if (error instanceof AzureError) return renderAzureError(error);
      throw error;
    }
  }

  return {
    cloud: 'azure',
    identify,
    handle,
    fault: (fault: InjectedFault, call: CallInfo) => renderFault(fault, call),
    decorate,
  };
}

/** ARM's rule for resource names in writes. */
function validateName(req: SimRequest, params: Record<string, string>): void {
  const name = params['name'];
  if (req.method === 'GET' || req.method === 'HEAD' || name === undefined) return;
  if (name.length > 80 || !/^\w[\w.\-()]*$/.test(name) || /[.]$/.test(name)) {
    throw new AzureError(
      400,
      'InvalidResourceName',
      `Resource name ${name} is invalid. The name can be up to 80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'.`,
    );
  }
}

function accountFromScope(scope: string | undefined): string | undefined {
  return scope ? /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1] : undefined;
}

function accountFromBody(req: SimRequest): string | undefined {
  if (req.body.length === 0 || req.body.length > 1_000_000) return undefined;
  try {
    const body = JSON.parse(req.body.toString('utf8')) as { subscriptions?: unknown };
    return Array.isArray(body.subscriptions) && typeof body.subscriptions[0] === 'string'
      ? body.subscriptions[0]
      : undefined;
  } catch {
    return undefined;
  }
}

/** ARM's answer for paths nothing serves: unknown namespace, unknown type, or nothing at all. */
function unknownPath(req: SimRequest, segments: readonly string[]): AzureError {
  const at = segments.findIndex((s) => s.toLowerCase() === 'providers');
  const namespace = at >= 0 ? segments[at + 1] : undefined;
  const apiVersion = req.query.get('api-version') ?? '';
  if (
    namespace &&
    !KNOWN_NAMESPACES.has(namespace.toLowerCase()) &&
    !namespace.toLowerCase().startsWith('microsoft.')
  ) {
    return new AzureError(
      400,
      'InvalidResourceNamespace',
      `The resource namespace '${namespace}' is invalid.`,
    );
  }
  if (namespace && segments[at + 2]) {
    if (!KNOWN_NAMESPACES.has(namespace.toLowerCase())) {
      return new AzureError(
        404,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location 'global' and API version '${apiVersion}' for type '${segments[at + 2]}'.`,
      );
    }
    if (segments.length >= at + 4 && segments[2]?.toLowerCase() === 'resourcegroups') {
      const type = segments.slice(at + 1, at + 3).join('/');
      return new AzureError(
        404,
        'ResourceNotFound',
        `The Resource '${type}/${segments[at + 3]}' under resource group '${segments[3]}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
    }
    return new AzureError(
      400,
      'InvalidResourceType',
      `The resource type '${segments[at + 2]}' could not be found in the namespace '${namespace}' for api version '${apiVersion}'.`,
    );
  }
  return new AzureError(
    404,
    'NotFound',
    `No HTTP resource was found that matches the request URI '${req.path}'.`,
  );
}
