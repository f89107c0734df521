import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** STS GetCallerIdentity: which account (and principal) these credentials act as. */
export async function getCallerIdentity(ctx: AwsContext): Promise<CallerIdentity> {
  const out = await call(ctx, { service: 'sts', operation: 'GetCallerIdentity' }, (o) =>
    ctx.clients.sts.send(new GetCallerIdentityCommand({}), o),
  );
  return { account: out.Account ?? '', arn: out.Arn ?? '' };
}
