import type { AwsOperation } from '../operation.ts';
import { iso, noSuchEntity } from './page.ts';

/** IAM GetLoginProfile: NoSuchEntity for users without console access. */
export const getLoginProfile: AwsOperation = {
  name: 'GetLoginProfile',
  handle: ({ params, account }) => {
    const name = params.require('UserName');
    const user = account.iam.usersByName.get(name);
    if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${name} cannot be found.`);
    return {
      LoginProfile: {
        UserName: name,
        CreateDate: iso(user.loginProfile.createdAt),
        PasswordResetRequired: false,
      },
    };
  },
};
