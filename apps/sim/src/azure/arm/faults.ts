import { randomUUID } from 'node:crypto';
import type { CallInfo } from '../../core/call.ts';
import type { InjectedFault } from '../../core/frontend.ts';
import { json, type SimResponse } from '../../core/http.ts';
import { AzureError, renderAzureError } from './errors.ts';

function requestHeaders(): Record<string, string> {
  const id = randomUUID();
  return {
    'x-ms-request-id': id,
    'x-ms-correlation-request-id': id,
    'x-ms-routing-request-id': `EASTUS:${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z:${id}`,
    'Cache-Control': 'no-cache',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  };
}

/** An injected fault in ARM's own shape: 429 with Retry-After, 503 outage, 500 internal error. */
export function renderFault(fault: InjectedFault, call: CallInfo): SimResponse {
  const base = requestHeaders();
  switch (fault.kind) {
    case 'throttle': {
      const retry = String(Math.max(1, Math.ceil(fault.retryAfterSeconds)));
      if (call.service === 'resourcegraph') {
        return json(
          429,
          {
            error: {
              code: 'RateLimiting',
              message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${base['x-ms-correlation-request-id']}.`,
              details: [
                {
                  code: 'RateLimiting',
                  message:
                    'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
                },
              ],
            },
          },
          {
            ...base,
            'Retry-After': retry,
            'x-ms-user-quota-remaining': '0',
            'x-ms-user-quota-resets-after': `00:00:${retry.padStart(2, '0')}`,
          },
        );
      }
      const kind = call.mutating ? 'write' : 'read';
      return json(
        429,
        {
          error: {
            code: 'SubscriptionRequestsThrottled',
            message: `Number of '${kind}' requests for subscription '${call.account}' actor '3f2c7b2e-0f2b-4d3b-9a31-5b6b7c8d9e0f' exceeded. Please try again after '${retry}' seconds after the last request. See https://aka.ms/ARMThrottling for more details.`,
          },
        },
        { ...base, 'Retry-After': retry, [`x-ms-ratelimit-remaining-subscription-${kind}s`]: '0' },
      );
    }
    case 'outage':
      return renderWithHeaders(
        new AzureError(
          503,
          'ServiceUnavailable',
          `The service '${call.service}' is temporarily unavailable in region '${call.region}'. Please try again later.`,
        ),
        base,
      );
    case 'error':
    case 'internal':
      return renderWithHeaders(
        new AzureError(
          500,
          'InternalServerError',
          `Encountered internal server error. Diagnostic information: timestamp '${new Date().toISOString()}', subscription id '${call.account}', tracking id '${base['x-ms-request-id']}', request correlation id '${base['x-ms-correlation-request-id']}'.`,
        ),
        base,
      );
  }
}

function renderWithHeaders(error: AzureError, headers: Record<string, string>): SimResponse {
  const response = renderAzureError(error);
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** ARM's headers on every served call: request ids and the remaining quota of the bucket drawn from. */
export function decorate(response: SimResponse, call: CallInfo, remaining: number | undefined): SimResponse {
  const headers: Record<string, string> = { ...requestHeaders(), ...response.headers };
  if (call.service === 'resourcegraph') {
    headers['x-ms-user-quota-remaining'] = String(Math.floor(remaining ?? 14));
    headers['x-ms-user-quota-resets-after'] = '00:00:05';
  } else {
    const kind = call.mutating ? 'writes' : 'reads';
    headers[`x-ms-ratelimit-remaining-subscription-${kind}`] = String(
      Math.floor(remaining ?? (call.mutating ? 199 : 249)),
    );
  }
  return { ...response, headers };
}
