import type { AwsOperation } from '../operation.ts';
import { readSigning } from '../routing.ts';

/**
 * STS GetCallerIdentity: the account the access key maps to, and a user ARN in it; for keys
 * AssumeRole issued, the assumed-role session.
 */
export const getCallerIdentity: AwsOperation = {
  name: 'GetCallerIdentity',
  handle: ({ account, req }) => {
    const key = readSigning(req)?.accessKeyId ?? 'anonymous';
    const session = account.iam.sessions.get(key);
    if (session) {
      const roleName = session.roleArn.slice(session.roleArn.lastIndexOf('/') + 1);
      return {
        UserId: `${session.roleId}:${session.sessionName}`,
        Account: account.id,
        Arn: `arn:aws:sts::${account.id}:assumed-role/${roleName}/${session.sessionName}`,
      };
    }
    return {
      UserId: key.startsWith('ASIA') ? `AROA${key.slice(4, 20)}:escher` : `AIDA${key.slice(4, 20)}`,
      Account: account.id,
      Arn: key.startsWith('ASIA')
        ? `arn:aws:sts::${account.id}:assumed-role/escher/escher`
        : `arn:aws:iam::${account.id}:user/escher-sim`,
    };
  },
};
