import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { call } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';
import { paginate } from '../core/paginate.ts';

/** KMS ListAliases for the region: alias names by target key id. */
export async function listAliases(ctx: AwsContext): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  const pages = paginate(async (Marker) => {
    const out = await call(ctx, { service: 'kms', operation: 'ListAliases' }, (o) =>
      ctx.clients.kms.send(new ListAliasesCommand({ Limit: 100, Marker }), o),
    );
    return { items: out.Aliases, next: out.Truncated ? out.NextMarker : undefined };
  });
  for await (const page of pages) {
    for (const alias of page) {
      if (!alias.TargetKeyId || !alias.AliasName) continue;
      const names = byKey.get(alias.TargetKeyId) ?? [];
      names.push(alias.AliasName);
      byKey.set(alias.TargetKeyId, names);
    }
  }
  return byKey;
}
