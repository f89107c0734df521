import { XMLParser } from 'fast-xml-parser';
import type { SimResponse } from '../../core/http.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlDocument } from '../protocol/xml.ts';
import type { S3Bucket } from './state.ts';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A 200 with an S3 XML document. */
export function s3Xml(root: string, content: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', ...headers },
    body: xmlDocument(root, S3_XMLNS, content),
  };
}

/** A 200 with an S3 XML document whose content is already serialised (flattened lists). */
export function s3XmlRaw(root: string, inner: string): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XMLNS}">${inner}</${root}>`,
  };
}

/** An empty success (PUT/DELETE sub-resources answer 200 or 204 with no body). */
export const s3Empty = (status = 200, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers,
  body: '',
});

/**
 * The bucket a request names. Bucket names are global: a bucket of another simulated account is
 * AccessDenied (403), one that exists nowhere NoSuchBucket (404).
 */
export function findBucket(call: AwsCall, name = call.pathParams.Bucket ?? ''): S3Bucket {
  const own = call.account.s3.buckets.get(name);
  if (own) return own;
  if (call.estate.accounts.some((a) => a.s3.buckets.has(name)))
    throw new AwsError('AccessDenied', 'Access Denied', 403);
  throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  // SDKs escape newlines and other characters as numeric references (`&#x0A;`): decode them.
  htmlEntities: true,
  isArray: (name) => name === 'Tag',
});

/** Parses an XML request body; MalformedXML when it is not XML. */
export function parseXmlBody(call: AwsCall): Record<string, unknown> {
  const text = call.req.body.toString('utf8').trim();
  if (!text.startsWith('<')) throw malformed();
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
}

const malformed = (): AwsError =>
  new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );

/** `Wed, 01 Nov 2026 00:00:00 GMT` */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();
