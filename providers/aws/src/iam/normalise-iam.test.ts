import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseRole, trustedPrincipals } from './normalise-role.ts';
import { normaliseUser } from './normalise-user.ts';

const records = loadSimRecords();
const DAY = 86_400_000;

describe('IAM normalisers', () => {
  const { user, accessKeys } = records.users[0]!;
  const keys = accessKeys.map((k) => ({ id: k.AccessKeyId!, status: k.Status!, createdAt: k.CreateDate! }));

  it('maps a user with its keys’ age, MFA and console access', () => {
    const now = Date.parse(records.epoch);
    const r = normaliseUser(
      { user, account: records.account, consoleAccess: false, mfaDevices: 0, accessKeys: keys },
      now,
    );
    assert.equal(r.id, 'arn:aws:iam::130827130939:user/datadog-integration');
    assert.equal(r.region, 'global');
    assert.equal(r.environment, 'dev');
    assert.equal(r.attributes.accessKeyAgeDays, Math.floor((now - keys[0]!.createdAt.getTime()) / DAY));
    assert.deepEqual(
      [r.attributes.consoleAccess, r.attributes.mfaEnabled, r.attributes.activeAccessKeys],
      [false, false, 1],
    );
  });

  it('ages only active keys, oldest first', () => {
    const now = Date.UTC(2026, 0, 100);
    const r = normaliseUser(
      {
        user,
        account: records.account,
        consoleAccess: true,
        mfaDevices: 1,
        accessKeys: [
          { id: 'AKIAOLDINACTIVE', status: 'Inactive', createdAt: new Date(now - 400 * DAY) },
          { id: 'AKIAOLD', status: 'Active', createdAt: new Date(now - 120 * DAY) },
          { id: 'AKIANEW', status: 'Active', createdAt: new Date(now - 3 * DAY) },
        ],
      },
      now,
    );
    assert.equal(r.attributes.accessKeyAgeDays, 120);
    assert.equal(r.attributes.mfaEnabled, true);
  });

  it('maps roles, marking service-linked ones and reading URL-encoded trust policies', () => {
    const roles = records.roles.map((role) => normaliseRole(role, records.account));
    const linked = roles.find((r) => r.name === 'AWSServiceRoleForSupport')!;
    assert.equal(linked.attributes.serviceLinked, true);
    assert.equal(
      linked.id,
      'arn:aws:iam::130827130939:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
    );
    const lambda = roles.find((r) => r.name === 'shipping-lambda-role')!;
    assert.deepEqual(lambda.attributes.trustedServices, ['lambda.amazonaws.com']);
    assert.equal(lambda.attributes.serviceLinked, false);
  });

  it('reads plain and URL-encoded trust policies, and survives garbage', () => {
    const doc = {
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::1:root'], Service: 'ec2.amazonaws.com' } },
      ],
    };
    assert.deepEqual(trustedPrincipals(JSON.stringify(doc)), {
      services: ['ec2.amazonaws.com'],
      aws: ['arn:aws:iam::1:root'],
      federated: [],
    });
    assert.deepEqual(trustedPrincipals(encodeURIComponent(JSON.stringify(doc)))?.aws, [
      'arn:aws:iam::1:root',
    ]);
    assert.equal(trustedPrincipals('%7Bnot json'), undefined);
  });
});
