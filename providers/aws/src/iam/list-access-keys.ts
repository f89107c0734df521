import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

export interface AccessKeyInfo {
  id: string;
  status: string;
  createdAt?: Date;
}

/** IAM ListAccessKeys of one user (a user has at most two). */
export async function listAccessKeys(ctx: AwsContext, userName: string): Promise<AccessKeyInfo[]> {
  const out = await callOptional(
    ctx,
    { service: 'iam', operation: 'ListAccessKeys' },
    ['NoSuchEntity'],
    (o) => ctx.clients.iam.send(new ListAccessKeysCommand({ UserName: userName }), o),
  );
  return (out?.AccessKeyMetadata ?? []).map((k) => ({
    id: k.AccessKeyId ?? '',
    status: k.Status ?? 'Unknown',
    ...(k.CreateDate ? { createdAt: k.CreateDate } : {}),
  }));
}
