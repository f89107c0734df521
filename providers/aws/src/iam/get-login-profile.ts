import { GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** IAM GetLoginProfile: whether the user can sign in to the console (NoSuchEntity: no password). */
export async function hasLoginProfile(ctx: AwsContext, userName: string): Promise<boolean> {
  const out = await callOptional(
    ctx,
    { service: 'iam', operation: 'GetLoginProfile' },
    ['NoSuchEntity'],
    (o) => ctx.clients.iam.send(new GetLoginProfileCommand({ UserName: userName }), o),
  );
  return out?.LoginProfile !== undefined;
}
