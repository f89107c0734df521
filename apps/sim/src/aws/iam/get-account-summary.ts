import type { AwsOperation } from '../operation.ts';
import { xmlList } from '../protocol/xml.ts';

/**
 * IAM GetAccountSummary: `SummaryMap` as `<entry><key/><value/></entry>` pairs, with
 * `AccountAccessKeysPresent` 1 when the root user has access keys (`iam.root.access-key`).
 */
export const getAccountSummary: AwsOperation = {
  name: 'GetAccountSummary',
  handle: ({ account }) => {
    const iam = account.iam;
    const mfaInUse = iam.users.reduce((n, u) => n + u.mfaDevices.length, 0);
    const summary: Record<string, number> = {
      GroupPolicySizeQuota: 5120,
      InstanceProfilesQuota: 1000,
      Policies: iam.policies,
      GroupsPerUserQuota: 10,
      InstanceProfiles: iam.roles.filter((r) => r.name.endsWith('-ec2-role')).length,
      AttachedPoliciesPerUserQuota: 10,
      Users: iam.users.length,
      PoliciesQuota: 1500,
      Providers: 1,
      AccountMFAEnabled: iam.rootMfa ? 1 : 0,
      AccessKeysPerUserQuota: 2,
      AssumeRolePolicySizeQuota: 2048,
      PolicyVersionsInUseQuota: 10000,
      GlobalEndpointTokenVersion: 1,
      VersionsPerPolicyQuota: 5,
      AttachedPoliciesPerGroupQuota: 10,
      PolicySizeQuota: 6144,
      Groups: iam.groups,
      AccountSigningCertificatesPresent: 0,
      UsersQuota: 5000,
      ServerCertificatesQuota: 20,
      MFADevices: mfaInUse,
      UserPolicySizeQuota: 2048,
      PolicyVersionsInUse: iam.policies + iam.roles.length,
      ServerCertificates: 0,
      Roles: iam.roles.length,
      RolesQuota: 1000,
      SigningCertificatesPerUserQuota: 2,
      MFADevicesInUse: mfaInUse,
      RolePolicySizeQuota: 10240,
      AttachedPoliciesPerRoleQuota: 10,
      AccountAccessKeysPresent: iam.rootAccessKeys > 0 ? 1 : 0,
      GroupsQuota: 300,
    };
    return {
      SummaryMap: xmlList(
        'entry',
        Object.entries(summary).map(([key, value]) => ({ key, value })),
      ),
    };
  },
};
