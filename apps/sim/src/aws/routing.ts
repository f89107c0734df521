import { header, type SimRequest } from '../core/http.ts';

/** What the SigV4 credential scope of a request says. */
export interface Signing {
  accessKeyId: string;
  region: string;
  service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads the credential scope from `Authorization` (or a presigned URL's `X-Amz-Credential`).
 * Routing on it is how one endpoint serves every service, as PROTOCOLS.md describes.
 */
export function readSigning(req: SimRequest): Signing | undefined {
  const auth = header(req, 'authorization');
  const match = auth ? SCOPE.exec(auth) : undefined;
  if (match) return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
  const credential = req.query.get('X-Amz-Credential');
  if (credential) {
    const [accessKeyId, , region, service] = credential.split('/');
    if (accessKeyId && region && service) return { accessKeyId, region, service };
  }
  return undefined;
}

/**
 * Which simulated account an access key belongs to. Keys that embed a 12-digit account id right
 * after their 4-letter prefix (`AKIA123456789012…`, and the `ASIA…` keys AssumeRole issues) map to
 * that account when it exists; any other key maps to the first account.
 */
export function accountIdOfKey(
  accessKeyId: string,
  known: ReadonlyMap<string, unknown>,
  fallback: string,
): string {
  const embedded = /^[A-Z]{4}(\d{12})/.exec(accessKeyId)?.[1];
  return embedded && known.has(embedded) ? embedded : fallback;
}
