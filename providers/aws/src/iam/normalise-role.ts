import type { Role } from '@aws-sdk/client-iam';
import type { Resource } from '@escher/protocol';
import { toResource } from '../core/resource.ts';
import { tagRecord } from '../core/tags.ts';

/** Who may assume a role, from its trust policy. */
export interface TrustedPrincipals {
  services: string[];
  aws: string[];
  federated: string[];
}

/**
 * An IAM role as an `iam.role` (region `global`). Service-linked roles (path
 * `/aws-service-role/…`) are marked: AWS owns them and they cannot be tagged.
 */
export function normaliseRole(role: Role, account: string): Resource {
  const name = role.RoleName ?? '';
  const path = role.Path ?? '/';
  const trust = trustedPrincipals(role.AssumeRolePolicyDocument);
  return toResource({
    arn: role.Arn ?? `arn:aws:iam::${account}:role${path}${name}`,
    account,
    region: 'global',
    type: 'iam.role',
    nativeType: 'AWS::IAM::Role',
    name,
    tags: tagRecord(role.Tags),
    createdAt: role.CreateDate,
    attributes: {
      roleId: role.RoleId,
      path,
      serviceLinked: path.startsWith('/aws-service-role/'),
      description: role.Description || undefined,
      maxSessionDurationSeconds: role.MaxSessionDuration,
      trustedServices: trust?.services,
      trustedAccounts: trust?.aws,
      trustedFederated: trust?.federated,
      lastUsedAt: role.RoleLastUsed?.LastUsedDate?.toISOString(),
      lastUsedRegion: role.RoleLastUsed?.Region,
    },
    relationships: [],
  });
}

/** Parses a trust policy (IAM sends it URL-encoded); undefined when it is not JSON. */
export function trustedPrincipals(document: string | undefined): TrustedPrincipals | undefined {
  if (!document) return undefined;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(document.trimStart().startsWith('{') ? document : decodeURIComponent(document)) as {
      Statement?: unknown;
    };
  } catch {
    return undefined;
  }
  const out: TrustedPrincipals = { services: [], aws: [], federated: [] };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  for (const s of statements as { Effect?: string; Principal?: unknown }[]) {
    if (!s || s.Effect !== 'Allow') continue;
    if (s.Principal === '*') {
      out.aws.push('*');
      continue;
    }
    const p = (s.Principal ?? {}) as Record<string, unknown>;
    out.services.push(...list(p.Service));
    out.aws.push(...list(p.AWS));
    out.federated.push(...list(p.Federated));
  }
  return out;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
