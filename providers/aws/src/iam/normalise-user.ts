import type { User } from '@aws-sdk/client-iam';
import type { Resource } from '@escher/protocol';
import { toResource } from '../core/resource.ts';
import { tagRecord } from '../core/tags.ts';
import type { AccessKeyInfo } from './list-access-keys.ts';

const DAY = 86_400_000;

/** What discovery reads about one IAM user beyond ListUsers. */
export interface UserDetails {
  user: User;
  account: string;
  consoleAccess: boolean;
  mfaDevices: number;
  accessKeys: AccessKeyInfo[];
}

/**
 * An IAM user as an `iam.user` (region `global`). `mfaEnabled` and `consoleAccess` decide the
 * no-MFA check (console users only); `accessKeyAgeDays` is the age of the oldest active key at
 * `now`, for the old-access-key check.
 */
export function normaliseUser(d: UserDetails, now: number): Resource {
  const { user } = d;
  const active = d.accessKeys.filter((k) => k.status === 'Active' && k.createdAt);
  const oldest = active.reduce<Date | undefined>(
    (min, k) => (!min || k.createdAt! < min ? k.createdAt : min),
    undefined,
  );
  const ageDays = (date: Date | undefined): number | undefined =>
    date ? Math.max(0, Math.floor((now - date.getTime()) / DAY)) : undefined;
  const name = user.UserName ?? '';
  return toResource({
    arn: user.Arn ?? `arn:aws:iam::${d.account}:user/${name}`,
    account: d.account,
    region: 'global',
    type: 'iam.user',
    nativeType: 'AWS::IAM::User',
    name,
    tags: tagRecord(user.Tags),
    createdAt: user.CreateDate,
    attributes: {
      userId: user.UserId,
      path: user.Path,
      consoleAccess: d.consoleAccess,
      mfaEnabled: d.mfaDevices > 0,
      mfaDevices: d.mfaDevices,
      passwordLastUsed: user.PasswordLastUsed?.toISOString(),
      accessKeys: d.accessKeys.map((k) => ({
        id: k.id,
        status: k.status,
        createdAt: k.createdAt?.toISOString(),
        ageDays: ageDays(k.createdAt),
      })),
      activeAccessKeys: active.length,
      oldestActiveAccessKeyCreatedAt: oldest?.toISOString(),
      accessKeyAgeDays: ageDays(oldest),
    },
    relationships: [],
  });
}
