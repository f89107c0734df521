import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { iamPage, iso } from './page.ts';
import type { IamRole } from './state.ts';

/** IAM ListRoles (PathPrefix, Marker, MaxItems). Trust policies come URL-encoded, as AWS sends them. */
export const listRoles: AwsOperation = {
  name: 'ListRoles',
  handle: (call) => {
    const prefix = call.params.get('PathPrefix') ?? '/';
    const page = iamPage(
      call,
      call.account.iam.roles.filter((r) => r.path.startsWith(prefix)),
    );
    return {
      Roles: members(page.items.map((r) => roleXml(r, false))),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};

export function roleXml(r: IamRole, detailed: boolean): Record<string, unknown> {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: iso(r.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(r.trustPolicy),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    ...(detailed
      ? {
          Tags: Object.keys(r.tags).length
            ? members(Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })))
            : undefined,
          RoleLastUsed: r.lastUsed ? { LastUsedDate: iso(r.lastUsed.at), Region: r.lastUsed.region } : {},
        }
      : {}),
  };
}
