import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetRoleCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  paginateListRoles,
  paginateListUsers,
  type Role,
  type User,
} from '@aws-sdk/client-iam';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

const DAY = 86_400_000;

describe('IAM', () => {
  let sim: RunningSimulator;
  let iam: IAMClient;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium', manualClock: true });
    iam = awsClient(IAMClient, sim, 'us-east-1');
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const flagged = (id: string) =>
    new Set(sim.estate().manifest.misconfigurations[id as 'iam.user.no-mfa']?.resources ?? []);

  async function users(pageSize?: number): Promise<User[]> {
    const out: User[] = [];
    for await (const page of paginateListUsers({ client: iam, ...(pageSize ? { pageSize } : {}) }, {}))
      out.push(...(page.Users ?? []));
    return out;
  }

  it('ListUsers / ListRoles page through everything; counts match the manifest', async () => {
    const counts = sim.estate().manifest.counts.aws[account().id]!;
    assert.equal((await users(3)).length, counts['iam.user']);
    const roles: Role[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 5 }, {}))
      roles.push(...(page.Roles ?? []));
    assert.equal(roles.length, counts['iam.role']);
    const trust = JSON.parse(decodeURIComponent(roles[0]!.AssumeRolePolicyDocument!)) as {
      Statement: unknown[];
    };
    assert.ok(trust.Statement.length > 0);
    assert.ok(roles.some((r) => r.Path?.startsWith('/aws-service-role/')));
  });

  it('pages correctly under a page-size fault', async () => {
    const expected = (await users()).length;
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 2, emptyPageEvery: 2 } });
    try {
      assert.equal((await users()).length, expected);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('console users without MFA and old access keys are the manifest’s', async () => {
    const noMfa = flagged('iam.user.no-mfa');
    const oldKey = flagged('iam.user.old-access-key');
    const now = sim.clock.now();
    for (const user of await users()) {
      const mfa = await iam.send(new ListMFADevicesCommand({ UserName: user.UserName }));
      let consoleAccess = true;
      try {
        await iam.send(new GetLoginProfileCommand({ UserName: user.UserName }));
      } catch (error) {
        assert.equal((error as Error).name, 'NoSuchEntityException');
        consoleAccess = false;
      }
      assert.equal(consoleAccess && mfa.MFADevices!.length === 0, noMfa.has(user.Arn!), user.UserName);
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: user.UserName }));
      const old = keys.AccessKeyMetadata!.some(
        (k) => k.Status === 'Active' && now - k.CreateDate!.getTime() > 90 * DAY,
      );
      assert.equal(old, oldKey.has(user.Arn!), user.UserName);
    }
  });

  it('GetAccountSummary reports root access keys as the manifest records them', async () => {
    const roots = flagged('iam.root.access-key');
    for (const acct of sim.estate().aws.accounts) {
      const client = new IAMClient({
        endpoint: sim.endpoints.aws,
        region: 'us-east-1',
        credentials: { accessKeyId: `AKIA${acct.id}ABCD`, secretAccessKey: 'x' },
      });
      const { SummaryMap } = await client.send(new GetAccountSummaryCommand({}));
      assert.equal(SummaryMap?.AccountAccessKeysPresent === 1, roots.has(`arn:aws:iam::${acct.id}:root`));
      assert.equal(SummaryMap?.Users, acct.iam.users.length);
    }
  });

  it('NoSuchEntity for unknown users and roles', async () => {
    await assert.rejects(iam.send(new ListAccessKeysCommand({ UserName: 'ghost' })), {
      name: 'NoSuchEntityException',
    });
    await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'ghost' })), {
      name: 'NoSuchEntityException',
    });
  });
});
