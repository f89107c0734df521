import type { AwsService } from '../operation.ts';
import { getAccountSummary } from './get-account-summary.ts';
import { getLoginProfile } from './get-login-profile.ts';
import { getRole, getUser } from './get-user-role.ts';
import { listAccessKeys } from './list-access-keys.ts';
import { listMfaDevices } from './list-mfa-devices.ts';
import { listRoles } from './list-roles.ts';
import { listUsers } from './list-users.ts';
import { tagRole, tagUser, untagRole, untagUser } from './tag-user-role.ts';

/** AWS Identity and Access Management (awsQuery, global). */
export const IAM_SERVICE: AwsService = {
  signingName: 'iam',
  protocol: 'query',
  xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  operations: [
    listUsers,
    listRoles,
    getUser,
    getRole,
    listMfaDevices,
    listAccessKeys,
    getLoginProfile,
    getAccountSummary,
    tagUser,
    untagUser,
    tagRole,
    untagRole,
  ],
};
