import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../../core/http.ts';
import type { AsyncOperation } from '../estate.ts';
import { AzureError } from './errors.ts';
import { apiVersion, iso, ok, type ArmRequest } from './request.ts';

export interface OperationInput {
  /** Provider namespace as it appears in the operation URL (Microsoft.Compute). */
  namespace: string;
  /** What runs: start, deallocate, delete, … */
  name: string;
  resourceId: string;
  location: string;
  /** Simulated ms until the operation completes (0: done at the first poll). */
  durationMs: number;
}

/**
 * Where each resource provider puts its operation status and result URLs, as ARM returns them in
 * `Azure-AsyncOperation` and `Location`.
 */
const URL_STYLE: Record<string, { status: string; result: string; monitor: boolean }> = {
  'microsoft.compute': { status: 'operations', result: 'operations', monitor: true },
  'microsoft.network': { status: 'operations', result: 'operationResults', monitor: false },
  'microsoft.containerservice': { status: 'operations', result: 'operationresults', monitor: false },
  'microsoft.dbforpostgresql': { status: 'azureAsyncOperation', result: 'operationResults', monitor: false },
  'microsoft.dbformysql': { status: 'azureAsyncOperation', result: 'operationResults', monitor: false },
};

export function beginOperation(rc: ArmRequest, input: OperationInput): AsyncOperation {
  const op: AsyncOperation = {
    id: randomUUID(),
    subscriptionId: rc.params['subscriptionId']!.toLowerCase(),
    namespace: input.namespace,
    location: input.location,
    name: input.name,
    resourceId: input.resourceId,
    startedAt: rc.now,
    completesAt: rc.now + Math.max(0, input.durationMs),
  };
  rc.az.operations.set(op.id, op);
  return op;
}

/** `Azure-AsyncOperation`, `Location` and `Retry-After` for an operation in flight. */
export function operationHeaders(rc: ArmRequest, op: AsyncOperation): Record<string, string> {
  const style = URL_STYLE[op.namespace.toLowerCase()] ?? URL_STYLE['microsoft.compute']!;
  const root = `${rc.baseUrl}/subscriptions/${op.subscriptionId}/providers/${op.namespace}/locations/${op.location}`;
  const version = `api-version=${encodeURIComponent(apiVersion(rc))}`;
  return {
    'Azure-AsyncOperation': `${root}/${style.status}/${op.id}?${version}`,
    Location: `${root}/${style.result}/${op.id}?${style.monitor ? 'monitor=true&' : ''}${version}`,
    'Retry-After': String(retryAfter(rc, op)),
  };
}

/** 202 Accepted with the operation's headers: how POST actions and DELETE answer. */
export function accepted(rc: ArmRequest, op: AsyncOperation): SimResponse {
  return { status: 202, headers: { 'content-length': '0', ...operationHeaders(rc, op) }, body: '' };
}

function retryAfter(rc: ArmRequest, op: AsyncOperation): number {
  const remaining = op.completesAt - rc.now;
  return remaining <= 0 ? 0 : Math.min(30, Math.max(1, Math.ceil(remaining / 1000)));
}

/**
 * GET on an operation URL. The status URL answers `{status: InProgress|Succeeded}`; the result URL
 * (Location) answers 202 while running and 200 once done.
 */
export function getOperation(rc: ArmRequest): SimResponse {
  const id = rc.params['operationId'] ?? '';
  const op = rc.az.operations.get(id.toLowerCase()) ?? rc.az.operations.get(id);
  if (!op || op.subscriptionId !== rc.params['subscriptionId']?.toLowerCase()) {
    throw new AzureError(404, 'NotFound', `The operation '${id}' could not be found.`);
  }
  const done = rc.now >= op.completesAt;
  const kind = (rc.params['kind'] ?? '').toLowerCase();
  const isResult = kind === 'operationresults' || rc.req.query.get('monitor') === 'true';
  if (isResult) {
    if (!done)
      return {
        status: 202,
        headers: {
          'content-length': '0',
          Location: `${rc.baseUrl}${rc.req.path}?${rc.req.query.toString()}`,
          'Retry-After': String(retryAfter(rc, op)),
        },
        body: '',
      };
    return { status: 200, headers: { 'content-length': '0' }, body: '' };
  }
  const body: Record<string, unknown> = {
    name: op.id,
    status: done ? 'Succeeded' : 'InProgress',
    startTime: iso(op.startedAt),
  };
  if (done) body['endTime'] = iso(op.completesAt);
  return ok(body, 200, done ? {} : { 'Retry-After': String(retryAfter(rc, op)) });
}
