import type { CallInfo } from '../core/call.ts';
import type { CloudFrontend, InjectedFault, SimContext } from '../core/frontend.ts';
import type { SimRequest, SimResponse } from '../core/http.ts';
import { InvalidPageToken } from '../core/paginate.ts';
import { regionOfLocation, regionOfZone } from './catalog.ts';
import { findProject, type GcpEstate } from './estate.ts';
import {
  GcpError,
  gcpErrorResponse,
  internalError,
  invalid,
  throttled,
  unavailable,
  unknownUrl,
} from './errors.ts';
import { compileRoute, parseJsonBody, type CompiledRoute, type GcpCall } from './route.ts';
import { gcpRoutes } from './routes.ts';

export interface GcpFrontendOptions {
  /** This endpoint's own base URL (for Location headers, discovery documents, self links). */
  baseUrl: string;
}

interface Match {
  route: CompiledRoute;
  params: Record<string, string>;
}

function match(routes: readonly CompiledRoute[], req: SimRequest): Match | GcpError {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.regex.exec(req.path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return invalid(`Invalid request path: ${req.path.slice(0, 200)}`);
    }
    return { route, params };
  }
  return pathMatched
    ? new GcpError(404, 'notFound', `Method not found: ${req.method} ${req.path.slice(0, 200)}`)
    : unknownUrl(req.method, req.path.slice(0, 200));
}

function callInfo(m: Match, estate: GcpEstate, query: URLSearchParams): CallInfo {
  const { route, params } = m;
  const scoped = route.scope?.(params, estate, query) ?? {};
  const rawProject = scoped.account ?? params['project'] ?? '';
  const account = findProject(estate, rawProject)?.projectId ?? rawProject;
  const region =
    scoped.region ??
    (params['zone']
      ? regionOfZone(params['zone'])
      : params['region']
        ? params['region']
        : params['location']
          ? regionOfLocation(params['location'])
          : 'global');
  return {
    cloud: 'gcp',
    service: route.service,
    operation: route.operation,
    account,
    region,
    mutating: route.mutating ?? false,
  };
}

/**
 * The Google Cloud frontend: REST/JSON routed by path (Compute, Cloud Storage JSON API, Cloud SQL
 * Admin, GKE, Cloud Functions v1/v2, Cloud KMS, IAM, Cloud Monitoring, BigQuery, Resource
 * Manager), any bearer token or none accepted, errors in Google's JSON shape.
 */
export function createGcpFrontend(ctx: SimContext, options: GcpFrontendOptions): CloudFrontend {
  const routes = gcpRoutes().map(compileRoute);
  const matches = new WeakMap<SimRequest, Match>();
  return {
    cloud: 'gcp',
    identify(req: SimRequest): CallInfo | SimResponse {
      const m = match(routes, req);
      if (m instanceof GcpError) return gcpErrorResponse(m);
      matches.set(req, m);
      return callInfo(m, ctx.estate().gcp, req.query);
    },
    handle(req: SimRequest): SimResponse {
      const m = matches.get(req) ?? match(routes, req);
      if (m instanceof GcpError) return gcpErrorResponse(m);
      let parsed: Record<string, unknown> | undefined;
      const call: GcpCall = {
        req,
        sim: ctx,
        estate: ctx.estate().gcp,
        base: options.baseUrl,
        params: m.params,
        query: req.query,
        now: ctx.clock.now(),
        body: () => (parsed ??= parseJsonBody(req)),
      };
      try {
        // Google rejects a malformed JSON body before looking at anything else.
        if (!m.route.rawBody && req.body.length > 0) call.body();
        return m.route.handle(call);
      } catch (error) {
        if (error instanceof GcpError) return gcpErrorResponse(error);
        if (error instanceof InvalidPageToken)
          return gcpErrorResponse(invalid(`Invalid value for field 'pageToken': '${error.token}'.`));
        throw error;
      }
    },
    fault(fault: InjectedFault, call: CallInfo): SimResponse {
      switch (fault.kind) {
        case 'throttle':
          return gcpErrorResponse(throttled(call.service, call.account, call.mutating));
        case 'outage':
          return gcpErrorResponse(unavailable());
        case 'error':
        case 'internal':
          return gcpErrorResponse(internalError());
      }
    },
  };
}
