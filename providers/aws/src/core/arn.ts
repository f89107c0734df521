/** EC2 resource kinds as they appear in ARNs. */
export type Ec2Kind = 'instance' | 'volume' | 'snapshot' | 'security-group' | 'vpc' | 'subnet' | 'elastic-ip';

/**
 * The native id of an EC2 resource: `arn:aws:ec2:{region}:{account}:{kind}/{id}`. Snapshots keep
 * the account too (real snapshot ARNs leave it out); the account makes ids unique across an
 * organisation's accounts and matches the simulator's contract.
 */
export function ec2Arn(region: string, account: string, kind: Ec2Kind, id: string): string {
  return `arn:aws:ec2:${region}:${account}:${kind}/${id}`;
}

/** `ec2Arn` for an optional id (undefined in, undefined out). */
export function ec2ArnOf(
  region: string,
  account: string,
  kind: Ec2Kind,
  id: string | undefined,
): string | undefined {
  return id ? ec2Arn(region, account, kind, id) : undefined;
}

/** `arn:aws:s3:::{bucket}`: S3 bucket ARNs carry neither region nor account. */
export function s3BucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A KMS key ARN from whatever a service reports: a key ARN (kept), a bare key id, or an alias (unknown). */
export function kmsKeyArn(region: string, account: string, keyId: string | undefined): string | undefined {
  if (!keyId) return undefined;
  if (keyId.startsWith('arn:')) return keyId.includes(':key/') ? keyId : undefined;
  // A bare key id is a UUID (or `mrk-…` for multi-Region keys); anything else names no key.
  if (!KEY_ID.test(keyId)) return undefined;
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

/** The last path segment of an ARN (`…:instance/i-0abc` → `i-0abc`, `…:db:orders` → `orders`). */
export function arnResourceId(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  if (slash >= 0) return resource.slice(slash + 1);
  const colon = resource.lastIndexOf(':');
  return colon >= 0 ? resource.slice(colon + 1) : resource;
}
