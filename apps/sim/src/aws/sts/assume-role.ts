import { createHash } from 'node:crypto';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * STS AssumeRole. The credentials' access key is `ASIA` + the role's 12-digit account id + 4
 * characters, so later calls signed with it land in that account (routing.ts). A role in an
 * account the simulator does not hold is AccessDenied; any role name in a known account is
 * accepted (the simulator does not evaluate trust policies).
 */
export const assumeRole: AwsOperation = {
  name: 'AssumeRole',
  handle: ({ params, estate, account, sim, requestId }) => {
    const roleArn = params.require('RoleArn');
    const sessionName = params.require('RoleSessionName');
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const duration = params.int('DurationSeconds') ?? 3600;
    if (duration < 900 || duration > 43_200) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
      );
    }
    const m = ROLE_ARN.exec(roleArn);
    if (!m) throw new AwsError('ValidationError', `${roleArn} is invalid`);
    const [, target, , roleName] = m;
    if (!estate.byId.has(target!)) {
      throw new AwsError(
        'AccessDenied',
        `User: arn:aws:iam::${account.id}:user/escher-sim is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const digest = createHash('sha256').update(`${roleArn}|${sessionName}|${requestId}`).digest();
    const alnum = (bytes: Buffer, n: number): string =>
      [...bytes.subarray(0, n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
    const accessKeyId = `ASIA${target}${alnum(digest, 4)}`;
    const iam = estate.byId.get(target!)!.iam;
    const roleId = iam.rolesByName.get(roleName!)?.id ?? `AROA${alnum(digest.subarray(4), 17)}`;
    iam.sessions.set(accessKeyId, { roleArn, roleId, sessionName });
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: digest.subarray(8, 38).toString('base64').slice(0, 40),
        SessionToken: `IQoJb3JpZ2luX2VjE${Buffer.from(`escher-sim:${accessKeyId}:${sessionName}`).toString('base64')}`,
        Expiration: new Date(sim.clock.now() + duration * 1000),
      },
      AssumedRoleUser: {
        AssumedRoleId: `${roleId}:${sessionName}`,
        Arn: `arn:aws:sts::${target}:assumed-role/${roleName}/${sessionName}`,
      },
      PackedPolicySize: params.get('Policy') ? 6 : undefined,
    };
  },
};
