import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { iamPage, iso, noSuchEntity } from './page.ts';

/** IAM ListAccessKeys for a user (the caller, whose keys are not listed, when UserName is absent). */
export const listAccessKeys: AwsOperation = {
  name: 'ListAccessKeys',
  handle: (call) => {
    const name = call.params.get('UserName');
    const user = name === undefined ? undefined : call.account.iam.usersByName.get(name);
    if (name !== undefined && !user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    const page = iamPage(call, user?.accessKeys ?? []);
    return {
      AccessKeyMetadata: members(
        page.items.map((k) => ({
          UserName: user!.name,
          AccessKeyId: k.id,
          Status: k.status,
          CreateDate: iso(k.createdAt),
        })),
      ),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};
