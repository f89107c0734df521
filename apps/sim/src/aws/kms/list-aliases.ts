import { paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { withTokenError } from '../tagging/tags.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { findKey, kmsLimit, marker } from './find-key.ts';

/** KMS ListAliases (optionally for one KeyId). */
export const listAliases: AwsOperation = {
  name: 'ListAliases',
  handle: (call) => {
    const only = call.body.KeyId === undefined ? undefined : findKey(call, call.body.KeyId).id;
    const all = [...call.regionState.kms.aliases.values()].filter(
      (a) => only === undefined || a.keyId === only,
    );
    const page = withTokenError(
      () =>
        paginate(
          all,
          { token: marker(call), requested: kmsLimit(call), defaultSize: 100, maxSize: 1000 },
          call.sim.faults.current.pagination,
        ),
      () => new AwsError('InvalidMarkerException', 'Invalid marker'),
    );
    return {
      Aliases: page.items.map((a) => ({
        AliasName: a.name,
        AliasArn: `arn:aws:kms:${call.region}:${call.account.id}:${a.name}`,
        TargetKeyId: a.keyId,
        CreationDate: a.createdAt / 1000,
        LastUpdatedDate: a.createdAt / 1000,
      })),
      Truncated: page.nextToken !== undefined,
      ...(page.nextToken ? { NextMarker: page.nextToken } : {}),
    };
  },
};
