import { GetUserCommand, type User } from '@aws-sdk/client-iam';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** IAM GetUser: the user with its tags; undefined when deleted since the listing. */
export async function getUser(ctx: AwsContext, userName: string): Promise<User | undefined> {
  const out = await callOptional(ctx, { service: 'iam', operation: 'GetUser' }, ['NoSuchEntity'], (o) =>
    ctx.clients.iam.send(new GetUserCommand({ UserName: userName }), o),
  );
  return out?.User;
}
