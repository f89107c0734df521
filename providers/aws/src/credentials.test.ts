import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscherError, UserError } from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { credentialSources, memoize } from './credentials.ts';
import { awsProvider } from './index.ts';
import type { AwsProvider } from './provider.ts';

const STS = { region: 'us-east-1' };

describe('credential sources (offline)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'escher-aws-creds-'));
    writeFileSync(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIADEFAULT000000000\naws_secret_access_key = d\n\n[ci]\naws_access_key_id = AKIACI00000000000000\naws_secret_access_key = c\n',
    );
    writeFileSync(join(dir, 'config'), '[profile ci]\nregion = eu-west-1\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hands static keys over as they are', async () => {
    const [source] = credentialSources(
      { kind: 'keys', accessKeyId: 'AKIAKEYS', secretAccessKey: 's', sessionToken: 't' },
      STS,
    );
    assert.deepEqual(await source!.provider(), {
      accessKeyId: 'AKIAKEYS',
      secretAccessKey: 's',
      sessionToken: 't',
    });
  });

  it('reads the environment at call time', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAFROMENV', AWS_SECRET_ACCESS_KEY: 'e' });
    try {
      const [source] = credentialSources({ kind: 'env' }, STS);
      assert.equal((await source!.provider()).accessKeyId, 'AKIAFROMENV');
    } finally {
      process.env = saved;
    }
  });

  it('reads a named profile from the shared files', async () => {
    const files = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
    const [ci] = credentialSources({ kind: 'profile', profile: 'ci', ...files }, STS);
    assert.equal((await ci!.provider()).accessKeyId, 'AKIACI00000000000000');
    assert.equal(ci!.label, 'profile ci');
    const [missing] = credentialSources({ kind: 'profile', profile: 'nope', ...files }, STS);
    await assert.rejects(missing!.provider(), /nope/);
  });

  it('refuses an empty role list and malformed role ARNs', () => {
    const base = { kind: 'env' } as const;
    assert.throws(() => credentialSources({ kind: 'roles', base, roleArns: [] }, STS), UserError);
    assert.throws(
      () => credentialSources({ kind: 'roles', base, roleArns: ['arn:aws:iam::12:user/x'] }, STS),
      (e: unknown) => e instanceof UserError && e.code === 'aws-role-arn-invalid',
    );
  });

  it('memoises credentials until shortly before they expire, and retries failures', async () => {
    let now = 0;
    let calls = 0;
    const provider = memoize(
      async () => {
        calls++;
        if (calls === 1) throw new RangeError('flaky');
        return { accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(now + 3_600_000) };
      },
      () => now,
    );
    await assert.rejects(provider());
    assert.equal((await provider()).accessKeyId, 'K2');
    now += 3_000_000;
    assert.equal((await provider()).accessKeyId, 'K2', 'still 10 minutes left');
    now += 400_000;
    assert.equal((await provider()).accessKeyId, 'K3', 'inside the 5-minute margin: refreshed');
  });
});

describe('credentials against the simulator', () => {
  let sim: SimTarget;
  let dir: string;
  let accounts: string[];
  before(async () => {
    sim = await startSimProcess(['--seed', '3', '--size', '40']);
    accounts = sim.manifest.accounts.aws!.map((a) => a.id);
    dir = mkdtempSync(join(tmpdir(), 'escher-aws-profiles-'));
    writeFileSync(
      join(dir, 'credentials'),
      '[org]\naws_access_key_id = AKIAORGANISATION0001\naws_secret_access_key = o\n',
    );
    writeFileSync(
      join(dir, 'config'),
      `[profile member]\nrole_arn = arn:aws:iam::${accounts[1]}:role/escher-read\nsource_profile = org\nregion = eu-west-1\n`,
    );
  });
  after(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const files = () => ({ configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') });

  it('follows a profile’s role_arn through STS into the member account', async () => {
    const provider = awsProvider.create(
      { kind: 'profile', profile: 'member', ...files() },
      { endpoint: sim.aws },
    ) as AwsProvider;
    try {
      assert.deepEqual(await provider.listAccounts(), [{ id: accounts[1], name: 'member' }]);
    } finally {
      provider.close();
    }
  });

  it('reaches every account of a role list, once each, from a profile', async () => {
    const roleArns = [...accounts, accounts[0]!].map((id) => `arn:aws:iam::${id}:role/escher-read`);
    const provider = awsProvider.create(
      { kind: 'roles', base: { kind: 'profile', profile: 'org', ...files() }, roleArns },
      { endpoint: sim.aws },
    ) as AwsProvider;
    try {
      assert.deepEqual(
        (await provider.listAccounts()).map((a) => a.id),
        accounts,
      );
    } finally {
      provider.close();
    }
  });

  it('says which role could not be assumed', async () => {
    const provider = awsProvider.create(
      {
        kind: 'roles',
        base: { kind: 'keys', accessKeyId: 'AKIAORGANISATION0001', secretAccessKey: 'o' },
        roleArns: ['arn:aws:iam::999999999999:role/escher-read'],
      },
      { endpoint: sim.aws, maxAttempts: 1 },
    ) as AwsProvider;
    try {
      await assert.rejects(provider.listAccounts(), (e: unknown) => {
        assert.ok(e instanceof EscherError);
        assert.equal(e.code, 'aws-access-denied');
        assert.match(e.message, /999999999999/);
        return true;
      });
    } finally {
      provider.close();
    }
  });

  it('discovers nothing for an account the credentials do not reach', async () => {
    const provider = awsProvider.create(
      { kind: 'keys', accessKeyId: `AKIA${accounts[0]}AAAA`, secretAccessKey: 'k' },
      { endpoint: sim.aws },
    ) as AwsProvider;
    try {
      await assert.rejects(
        provider.discover({ account: '000000000000', region: 'us-east-1', service: 'ec2.instances' }).next(),
        (e: unknown) => e instanceof UserError && e.code === 'aws-account-unknown',
      );
      assert.deepEqual(await provider.listRegions(accounts[0]!).then((r) => r.includes('us-east-1')), true);
    } finally {
      provider.close();
    }
  });
});
