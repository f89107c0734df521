interface Statement {
  Effect?: string;
  Principal?: unknown;
  Condition?: unknown;
}

/**
 * Whether a bucket policy lets anyone in: an Allow statement whose principal is `*` (or
 * `{"AWS": "*"}`) with no condition. Conditions (source IP, VPC endpoint, org id) usually narrow
 * access, so they are read as not public — S3's own evaluation, when available, is preferred.
 */
export function policyIsPublic(policy: string | undefined): boolean {
  if (!policy) return false;
  let parsed: { Statement?: Statement | Statement[] };
  try {
    parsed = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  } catch {
    return false;
  }
  const statements = Array.isArray(parsed.Statement)
    ? parsed.Statement
    : parsed.Statement
      ? [parsed.Statement]
      : [];
  return statements.some(
    (s) =>
      s.Effect === 'Allow' && isEveryone(s.Principal) && (s.Condition === undefined || isEmpty(s.Condition)),
  );
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

function isEmpty(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
