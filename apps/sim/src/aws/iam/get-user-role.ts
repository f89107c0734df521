import type { AwsOperation } from '../operation.ts';
import { members } from '../protocol/xml.ts';
import { userXml } from './list-users.ts';
import { roleXml } from './list-roles.ts';
import { noSuchEntity } from './page.ts';

/** IAM GetUser (with tags). Without UserName AWS answers for the caller; here: the sim's own user. */
export const getUser: AwsOperation = {
  name: 'GetUser',
  handle: ({ params, account }) => {
    const name = params.get('UserName');
    if (!name) {
      return {
        User: {
          Path: '/',
          UserName: 'escher-sim',
          UserId: 'AIDAESCHERSIMCALLER0',
          Arn: `arn:aws:iam::${account.id}:user/escher-sim`,
          CreateDate: new Date(0),
        },
      };
    }
    const user = account.iam.usersByName.get(name);
    if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    const tags = Object.entries(user.tags).map(([Key, Value]) => ({ Key, Value }));
    return { User: { ...userXml(user), Tags: tags.length ? members(tags) : undefined } };
  },
};

/** IAM GetRole (with tags and RoleLastUsed). */
export const getRole: AwsOperation = {
  name: 'GetRole',
  handle: ({ params, account }) => {
    const name = params.require('RoleName');
    const role = account.iam.rolesByName.get(name);
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return { Role: roleXml(role, true) };
  },
};
