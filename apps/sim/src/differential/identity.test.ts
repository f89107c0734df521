import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetAccountSummaryCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './clients.ts';
import { assertSameError, assertSameShape, defer, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoIam, seedMotoKms } from './seed-moto-services.ts';
import { need } from './targets.ts';

/** IAM and KMS resources to aim at on each side, found through the SDK. */
interface Targets {
  userWithKeys: string | undefined;
  userWithMfa: string | undefined;
  roleArn: string | undefined;
  keyId: string | undefined;
}

async function discover(c: AwsClients): Promise<Targets> {
  const [users, roles, keys] = await Promise.all([
    c.iam.send(new ListUsersCommand({})).catch(() => undefined),
    c.iam.send(new ListRolesCommand({})).catch(() => undefined),
    c.kms.send(new ListKeysCommand({})).catch(() => undefined),
  ]);
  const names = (users?.Users ?? []).map((u) => u.UserName!);
  let userWithMfa: string | undefined;
  let userWithKeys: string | undefined;
  for (const name of names.slice(0, 60)) {
    const [mfa, access] = await Promise.all([
      c.iam.send(new ListMFADevicesCommand({ UserName: name })).catch(() => undefined),
      c.iam.send(new ListAccessKeysCommand({ UserName: name })).catch(() => undefined),
    ]);
    if (mfa?.MFADevices?.length) userWithMfa ??= name;
    if (access?.AccessKeyMetadata?.length) userWithKeys ??= name;
    if (userWithMfa && userWithKeys) break;
  }
  return { userWithKeys, userWithMfa, roleArn: roles?.Roles?.[0]?.Arn, keyId: keys?.Keys?.[0]?.KeyId };
}

const GHOST_KEY = '0b5e7a1c-1111-4222-8333-944445555666';

describe('IAM, KMS and STS: the simulator answers like moto', () => {
  let env: DiffEnv;
  let mt: Targets;
  let st: Targets;
  const both = <T>(call: (c: AwsClients, t: Targets) => Promise<T>): Promise<[T, T]> =>
    Promise.all([defer(() => call(env.m, mt)), defer(() => call(env.s, st))]);

  before(async () => {
    env = await startDiffEnv();
    await Promise.all([seedMotoIam(env.m), seedMotoKms(env.m)]);
    [mt, st] = await Promise.all([discover(env.m), discover(env.s)]);
  });
  after(() => env?.close());

  it('IAM ListUsers', async (t) => {
    const [m, s] = await both((c) => c.iam.send(new ListUsersCommand({})));
    assertSameShape(t, 'ListUsers', m, s);
  });

  it('IAM ListRoles', async (t) => {
    const [m, s] = await both((c) => c.iam.send(new ListRolesCommand({})));
    assertSameShape(t, 'ListRoles', m, s);
  });

  it('IAM ListMFADevices of a user with a device', async (t) => {
    const [m, s] = await both((c, x) =>
      c.iam.send(new ListMFADevicesCommand({ UserName: need(x.userWithMfa, 'IAM user with an MFA device') })),
    );
    assertSameShape(t, 'ListMFADevices', m, s);
  });

  it('IAM ListAccessKeys', async (t) => {
    const [m, s] = await both((c, x) =>
      c.iam.send(new ListAccessKeysCommand({ UserName: need(x.userWithKeys, 'IAM user with access keys') })),
    );
    assertSameShape(t, 'ListAccessKeys', m, s);
  });

  it('IAM GetAccountSummary has the same summary keys', async (t) => {
    const [m, s] = await both((c) => c.iam.send(new GetAccountSummaryCommand({})));
    assertSameShape(t, 'GetAccountSummary', m, s, { maps: ['SummaryMap'] });
    const missing = Object.keys(m.SummaryMap ?? {}).filter((k) => !(k in (s.SummaryMap ?? {})));
    assert.deepEqual(missing, [], 'SummaryMap keys moto returns that the simulator lacks');
  });

  it('KMS ListKeys', async (t) => {
    const [m, s] = await both((c) => c.kms.send(new ListKeysCommand({})));
    assertSameShape(t, 'ListKeys', m, s);
  });

  it('KMS DescribeKey', async (t) => {
    const [m, s] = await both((c, x) =>
      c.kms.send(new DescribeKeyCommand({ KeyId: need(x.keyId, 'KMS key') })),
    );
    assertSameShape(t, 'DescribeKey', m, s);
  });

  it('KMS GetKeyRotationStatus', async (t) => {
    const [m, s] = await both((c, x) =>
      c.kms.send(new GetKeyRotationStatusCommand({ KeyId: need(x.keyId, 'KMS key') })),
    );
    assertSameShape(t, 'GetKeyRotationStatus', m, s);
  });

  it('STS GetCallerIdentity', async (t) => {
    const [m, s] = await both((c) => c.sts.send(new GetCallerIdentityCommand({})));
    assertSameShape(t, 'GetCallerIdentity', m, s);
  });

  it('STS AssumeRole', async (t) => {
    const [m, s] = await both((c, x) =>
      c.sts.send(
        new AssumeRoleCommand({
          RoleArn: need(x.roleArn, 'IAM role'),
          RoleSessionName: 'escher-differential',
        }),
      ),
    );
    assertSameShape(t, 'AssumeRole', m, s);
  });

  describe('errors', () => {
    for (const [op, call] of [
      [
        'ListAccessKeys',
        (c: AwsClients) => c.iam.send(new ListAccessKeysCommand({ UserName: 'diff-ghost-user' })),
      ],
      [
        'ListMFADevices',
        (c: AwsClients) => c.iam.send(new ListMFADevicesCommand({ UserName: 'diff-ghost-user' })),
      ],
    ] as const) {
      it(`IAM ${op} of an unknown user → NoSuchEntity`, () =>
        assertSameError(
          `${op}(unknown user)`,
          () => call(env.m),
          () => call(env.s),
          'NoSuchEntity',
        ));
    }
    for (const [op, call] of [
      ['DescribeKey', (c: AwsClients) => c.kms.send(new DescribeKeyCommand({ KeyId: GHOST_KEY }))],
      [
        'GetKeyRotationStatus',
        (c: AwsClients) => c.kms.send(new GetKeyRotationStatusCommand({ KeyId: GHOST_KEY })),
      ],
      [
        'DescribeKey(alias)',
        (c: AwsClients) => c.kms.send(new DescribeKeyCommand({ KeyId: 'alias/diff-ghost' })),
      ],
    ] as const) {
      it(`KMS ${op} of an unknown key → NotFoundException`, () =>
        assertSameError(
          `${op}(unknown key)`,
          () => call(env.m),
          () => call(env.s),
          'NotFoundException',
        ));
    }
  });
});
