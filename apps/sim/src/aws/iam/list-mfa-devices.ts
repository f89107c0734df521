import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { iamPage, iso, noSuchEntity } from './page.ts';

/** IAM ListMFADevices for a user (the caller, which has none, when UserName is absent). */
export const listMfaDevices: AwsOperation = {
  name: 'ListMFADevices',
  handle: (call) => {
    const name = call.params.get('UserName');
    const user = name === undefined ? undefined : call.account.iam.usersByName.get(name);
    if (name !== undefined && !user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    const page = iamPage(call, user?.mfaDevices ?? []);
    return {
      MFADevices: members(
        page.items.map((d) => ({
          UserName: user!.name,
          SerialNumber: d.serial,
          EnableDate: iso(d.enabledAt),
        })),
      ),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};
