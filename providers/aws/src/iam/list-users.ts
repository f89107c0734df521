import { ListUsersCommand, type User } from '@aws-sdk/client-iam';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** IAM ListUsers, 1,000 a page (without tags: AWS leaves them out of the listing). */
export function listUsers(ctx: AwsContext): AsyncGenerator<User[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'iam', operation: 'ListUsers' }, (o) =>
      ctx.clients.iam.send(new ListUsersCommand({ MaxItems: 1000, Marker }), o),
    );
    return { items: out.Users, next: out.IsTruncated ? out.Marker : undefined };
  });
}
