import type { CallInfo } from '../core/call.ts';
import type { CloudFrontend, InjectedFault, SimContext } from '../core/frontend.ts';
import { header, type SimRequest, type SimResponse } from '../core/http.ts';
import { InvalidPageToken } from '../core/paginate.ts';
import { regionOf } from './estate.ts';
import type { AwsCall, AwsOperation, AwsProtocol, AwsService } from './operation.ts';
import { AwsError } from './protocol/aws-error.ts';
import { QueryParams } from './protocol/query-params.ts';
import {
  internalError,
  renderError,
  renderResult,
  throttlingError,
  unavailableError,
} from './protocol/render.ts';
import { matchRest } from './protocol/rest-router.ts';
import { accountIdOfKey, readSigning } from './routing.ts';
import { AWS_SERVICES, serviceByTarget } from './services.ts';

export interface AwsFrontendOptions {
  /** This endpoint's own base URL. */
  baseUrl: string;
}

/** A request routed to a service and operation, kept between `identify` and `handle`. */
interface Routed {
  service: AwsService;
  protocol: AwsProtocol;
  operation: AwsOperation;
  params: QueryParams;
  body: Record<string, unknown>;
  pathParams: Record<string, string>;
  accessKeyId: string;
  region: string;
  requestId: string;
}

/**
 * Serves every AWS service on one endpoint, routed as PROTOCOLS.md describes: SigV4 credential
 * scope → service; then `X-Amz-Target`, `Action=`, or the REST path → operation.
 */
export function createAwsFrontend(ctx: SimContext, _options: AwsFrontendOptions): CloudFrontend {
  const routed = new WeakMap<SimRequest, Routed>();
  let requestSeq = 0;
  const nextRequestId = (): string => {
    const n = (++requestSeq).toString(16).padStart(12, '0');
    return `5e5c0000-0000-4000-8000-${n}`;
  };

  function route(req: SimRequest): Routed | SimResponse {
    const requestId = nextRequestId();
    const signing = readSigning(req);
    const target = header(req, 'x-amz-target');
    const service = signing
      ? AWS_SERVICES.get(signing.service)
      : target
        ? serviceByTarget(target)
        : AWS_SERVICES.get('s3');
    if (!service) {
      return renderError(
        'query',
        new AwsError('UnrecognizedClientException', `Unknown service ${signing?.service}`, 400),
        requestId,
      );
    }
    // CloudWatch speaks awsQuery (older clients, awscli 2.9) and awsJson1_0 (SDK ≥ 3.949).
    const protocol: AwsProtocol = target && service.targetPrefix ? 'json' : service.protocol;
    const base = {
      service,
      protocol,
      accessKeyId: signing?.accessKeyId ?? 'anonymous',
      region: signing?.region ?? 'us-east-1',
      requestId,
      pathParams: {} as Record<string, string>,
    };
    const fail = (error: AwsError): SimResponse => renderFor(service, protocol, error, requestId);
    try {
      if (protocol === 'json') {
        const name = (target ?? '').split('.')[1] ?? '';
        const operation = service.operations?.find((o) => o.name === name);
        if (!operation) return fail(new AwsError('UnknownOperationException', `Unknown operation ${target}`));
        return { ...base, operation, params: new QueryParams([]), body: parseJsonBody(req) };
      }
      if (protocol === 'ec2' || protocol === 'query') {
        const params = QueryParams.fromForm(req.body, req.query);
        const action = params.get('Action');
        if (!action) return fail(new AwsError('MissingAction', 'Missing Action'));
        const operation = service.operations?.find((o) => o.name === action);
        if (!operation) {
          return fail(
            new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`),
          );
        }
        return { ...base, operation, params, body: {} };
      }
      const match = matchRest(service.routes ?? [], req.method, req.path, req.query);
      if (!match) {
        return protocol === 'rest-xml'
          ? fail(
              new AwsError(
                'MethodNotAllowed',
                'The specified method is not allowed against this resource.',
                405,
              ),
            )
          : fail(new AwsError('UnknownOperationException', `No route for ${req.method} ${req.path}`, 404));
      }
      const body = protocol === 'rest-json' ? parseJsonBody(req) : {};
      return {
        ...base,
        operation: match.route.operation,
        params: new QueryParams(req.query),
        body,
        pathParams: match.pathParams,
      };
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      throw error;
    }
  }

  return {
    cloud: 'aws',
    identify(req): CallInfo | SimResponse {
      const r = route(req);
      if (!('operation' in r)) return r;
      routed.set(req, r);
      const estate = ctx.estate().aws;
      const fallback = estate.accounts[0]?.id ?? '000000000000';
      return {
        cloud: 'aws',
        service: r.service.signingName,
        operation: r.operation.name,
        account: accountIdOfKey(r.accessKeyId, estate.byId, fallback),
        region: r.service.global ? 'global' : r.region,
        mutating: r.operation.mutating ?? false,
      };
    },

    handle(req, call): SimResponse {
      const r = routed.get(req)!;
      const estate = ctx.estate().aws;
      const account = estate.byId.get(call.account) ?? estate.accounts[0];
      if (!account)
        return renderFor(
          r.service,
          r.protocol,
          new AwsError('AuthFailure', 'No such account', 401),
          r.requestId,
        );
      const aws: AwsCall = {
        req,
        sim: ctx,
        estate,
        account,
        region: r.region,
        regionState: regionOf(account, r.region),
        requestId: r.requestId,
        protocol: r.protocol,
        params: r.params,
        body: r.body,
        pathParams: r.pathParams,
      };
      try {
        const result = r.operation.handle(aws);
        return renderResult(
          r.protocol,
          r.operation.name,
          r.service.xmlns,
          result,
          r.requestId,
          jsonVersion(r.service),
        );
      } catch (error) {
        if (error instanceof AwsError) return renderFor(r.service, r.protocol, error, r.requestId);
        if (error instanceof InvalidPageToken) {
          // CloudWatch (both its protocols) calls it InvalidNextToken.
          const code =
            r.protocol === 'ec2'
              ? 'InvalidPaginationToken'
              : r.protocol === 'rest-xml'
                ? 'InvalidArgument'
                : r.service.signingName === 'monitoring'
                  ? 'InvalidNextToken'
                  : 'InvalidNextTokenException';
          return renderFor(r.service, r.protocol, new AwsError(code, error.message), r.requestId);
        }
        throw error;
      }
    },

    fault(fault: InjectedFault, _call, req): SimResponse {
      const r = routed.get(req);
      const service = r?.service ?? AWS_SERVICES.get('ec2')!;
      const protocol = r?.protocol ?? service.protocol;
      const requestId = r?.requestId ?? nextRequestId();
      const error =
        fault.kind === 'throttle'
          ? throttlingError(protocol, service.signingName)
          : fault.kind === 'outage'
            ? unavailableError(protocol)
            : internalError(protocol);
      return renderFor(service, protocol, error, requestId);
    },
  };
}

function renderFor(
  service: AwsService,
  protocol: AwsProtocol,
  error: AwsError,
  requestId: string,
): SimResponse {
  return renderError(protocol, error, requestId, {
    xmlns: service.xmlns,
    queryCompatible: service.signingName === 'monitoring',
    jsonVersion: jsonVersion(service),
  });
}

/** CloudWatch's JSON mode is awsJson1_0; Cost Explorer, Tagging and KMS are awsJson1_1. */
function jsonVersion(service: AwsService): string {
  return service.signingName === 'monitoring' ? '1.0' : '1.1';
}

function parseJsonBody(req: SimRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AwsError('SerializationException', 'Could not parse the request body as JSON');
}
