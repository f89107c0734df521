import { json, type SimResponse } from '../../core/http.ts';

export interface AzureErrorDetail {
  code: string;
  message: string;
  target?: string;
  [key: string]: unknown;
}

/**
 * An error ARM itself would return: HTTP status, the code clients switch on (`ResourceNotFound`,
 * `ResourceGroupNotFound`, `OperationNotAllowed`, …) and a message, rendered as
 * `{"error":{"code","message"}}`.
 */
export class AzureError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: AzureErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AzureError';
  }
}

export function renderAzureError(error: AzureError): SimResponse {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details) body['details'] = error.details;
  return json(
    error.status,
    { error: body },
    { 'x-ms-failure-cause': error.status >= 500 ? 'service' : 'gateway', ...error.headers },
  );
}

export function resourceNotFound(type: string, name: string, group: string): AzureError {
  return new AzureError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

export function groupNotFound(group: string): AzureError {
  return new AzureError(404, 'ResourceGroupNotFound', `Resource group '${group}' could not be found.`);
}

export function subscriptionNotFound(id: string): AzureError {
  return new AzureError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
}

export function invalidContent(reason: string): AzureError {
  return new AzureError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: '${reason}'.`,
  );
}
