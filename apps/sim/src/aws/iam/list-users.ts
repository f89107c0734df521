import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { iamPage, iso } from './page.ts';
import type { IamUser } from './state.ts';

/** IAM ListUsers (PathPrefix, Marker, MaxItems). Like AWS, tags are not part of the listing. */
export const listUsers: AwsOperation = {
  name: 'ListUsers',
  handle: (call) => {
    const prefix = call.params.get('PathPrefix') ?? '/';
    const page = iamPage(
      call,
      call.account.iam.users.filter((u) => u.path.startsWith(prefix)),
    );
    return { Users: members(page.items.map(userXml)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
};

export function userXml(u: IamUser): Record<string, unknown> {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: u.arn,
    CreateDate: iso(u.createdAt),
    PasswordLastUsed: u.passwordLastUsed === undefined ? undefined : iso(u.passwordLastUsed),
  };
}
