import type { AwsOperation } from '../operation.ts';

/** STS GetCallerIdentity: the account the access key maps to, and a user ARN in it. */
export const getCallerIdentity: AwsOperation = {
  name: 'GetCallerIdentity',
  handle: ({ account, req }) => {
    const key = /Credential=([^/]+)/.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'anonymous';
    return {
      UserId: key.startsWith('ASIA') ? `AROA${key.slice(4, 20)}:escher` : `AIDA${key.slice(4, 20)}`,
      Account: account.id,
      Arn: key.startsWith('ASIA')
        ? `arn:aws:sts::${account.id}:assumed-role/escher/escher`
        : `arn:aws:iam::${account.id}:user/escher-sim`,
    };
  },
};
