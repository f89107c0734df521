import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** IAM ListMFADevices: how many MFA devices the user has (a user has at most eight). */
export async function countMfaDevices(ctx: AwsContext, userName: string): Promise<number> {
  const out = await callOptional(
    ctx,
    { service: 'iam', operation: 'ListMFADevices' },
    ['NoSuchEntity'],
    (o) => ctx.clients.iam.send(new ListMFADevicesCommand({ UserName: userName }), o),
  );
  return out?.MFADevices?.length ?? 0;
}
