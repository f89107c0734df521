import { ListKeysCommand, type KeyListEntry } from '@aws-sdk/client-kms';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** KMS ListKeys (ids and ARNs), 1,000 a page. */
export function listKeys(ctx: AwsContext): AsyncGenerator<KeyListEntry[]> {
  return paginate(async (Marker) => {
    const out = await call(ctx, { service: 'kms', operation: 'ListKeys' }, (o) =>
      ctx.clients.kms.send(new ListKeysCommand({ Limit: 1000, Marker }), o),
    );
    return { items: out.Keys, next: out.Truncated ? out.NextMarker : undefined };
  });
}
