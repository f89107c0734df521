import type { SimResponse } from '../../core/http.ts';
import type { AwsProtocol } from '../operation.ts';
import { AwsError } from './aws-error.ts';
import { xmlDocument } from './xml.ts';

const XML = 'text/xml;charset=UTF-8';

/** Renders an operation's result in its service's protocol. */
export function renderResult(
  protocol: AwsProtocol,
  operation: string,
  xmlns: string | undefined,
  result: unknown,
  requestId: string,
  jsonVersion = '1.1',
): SimResponse {
  switch (protocol) {
    case 'ec2':
      return {
        status: 200,
        headers: { 'content-type': XML, 'x-amzn-requestid': requestId },
        body: xmlDocument(`${operation}Response`, xmlns, { requestId, ...(result as object) }),
      };
    case 'query':
      return {
        status: 200,
        headers: { 'content-type': XML, 'x-amzn-requestid': requestId },
        body: xmlDocument(`${operation}Response`, xmlns, {
          ...(result === undefined ? {} : { [`${operation}Result`]: result }),
          ResponseMetadata: { RequestId: requestId },
        }),
      };
    case 'json':
      return {
        status: 200,
        headers: { 'content-type': `application/x-amz-json-${jsonVersion}`, 'x-amzn-requestid': requestId },
        body: JSON.stringify(result ?? {}),
      };
    case 'rest-json':
    case 'rest-xml': {
      const response = result as SimResponse;
      const idHeader = protocol === 'rest-xml' ? 'x-amz-request-id' : 'x-amzn-requestid';
      return { ...response, headers: { ...response.headers, [idHeader]: requestId } };
    }
  }
}

/**
 * Renders an AwsError the way the service's protocol does: EC2's `<Response><Errors>`, awsQuery's
 * `<ErrorResponse>`, JSON `__type` (with `x-amzn-query-error` for query-compatible services such
 * as CloudWatch), REST JSON's `x-amzn-ErrorType`, S3's `<Error>`.
 */
export function renderError(
  protocol: AwsProtocol,
  error: AwsError,
  requestId: string,
  options: {
    xmlns?: string | undefined;
    queryCompatible?: boolean;
    jsonVersion?: string;
    resource?: string;
  } = {},
): SimResponse {
  const { code, message, status, type } = error;
  switch (protocol) {
    case 'ec2':
      return {
        status,
        headers: { 'content-type': XML },
        body: xmlDocument('Response', undefined, {
          Errors: { Error: { Code: code, Message: message } },
          RequestID: requestId,
        }),
      };
    case 'query':
      return {
        status,
        headers: { 'content-type': XML, 'x-amzn-requestid': requestId },
        body: xmlDocument('ErrorResponse', options.xmlns, {
          Error: { Type: type, Code: code, Message: message },
          RequestId: requestId,
        }),
      };
    case 'json':
      return {
        status,
        headers: {
          'content-type': `application/x-amz-json-${options.jsonVersion ?? '1.1'}`,
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': code,
          ...(options.queryCompatible ? { 'x-amzn-query-error': `${code};${type}` } : {}),
        },
        body: JSON.stringify({ __type: code, message }),
      };
    case 'rest-json':
      return {
        status,
        headers: {
          'content-type': 'application/json',
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': code,
        },
        body: JSON.stringify({ message, Type: type === 'Sender' ? 'User' : 'Service' }),
      };
    case 'rest-xml':
      return {
        status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        body: xmlDocument('Error', undefined, {
          Code: code,
          Message: message,
          ...(options.resource ? { Resource: options.resource } : {}),
          RequestId: requestId,
        }),
      };
  }
}

/** Each protocol's throttling error (PROTOCOLS.md): EC2 503 RequestLimitExceeded, query 400 Throttling, … */
export function throttlingError(protocol: AwsProtocol, signingName: string): AwsError {
  if (protocol === 'ec2')
    return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503, 'Sender');
  if (protocol === 'query') return new AwsError('Throttling', 'Rate exceeded', 400, 'Sender');
  if (protocol === 'rest-xml')
    return new AwsError('SlowDown', 'Please reduce your request rate.', 503, 'Sender');
  if (signingName === 'lambda')
    return new AwsError('TooManyRequestsException', 'Rate exceeded', 429, 'Sender');
  return new AwsError('ThrottlingException', 'Rate exceeded', protocol === 'rest-json' ? 429 : 400, 'Sender');
}

export function unavailableError(protocol: AwsProtocol): AwsError {
  if (protocol === 'ec2')
    return new AwsError('Unavailable', 'The server is overloaded and cannot handle the request.', 503);
  if (protocol === 'json' || protocol === 'rest-json')
    return new AwsError('ServiceUnavailableException', 'Service is unavailable.', 503);
  return new AwsError('ServiceUnavailable', 'Service is unavailable.', 503);
}

export function internalError(protocol: AwsProtocol): AwsError {
  if (protocol === 'json' || protocol === 'rest-json')
    return new AwsError('InternalFailure', 'An internal error occurred.', 500);
  return new AwsError('InternalError', 'An internal error has occurred.', 500);
}
