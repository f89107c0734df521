import {
  DeletePublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { getPublicAccessBlock } from '../s3/get-public-access-block.ts';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { send } from './op-call.ts';
import { bucketName, s3Op } from './s3-target.ts';

const Block = z
  .object({
    BlockPublicAcls: z.boolean(),
    IgnorePublicAcls: z.boolean(),
    BlockPublicPolicy: z.boolean(),
    RestrictPublicBuckets: z.boolean(),
  })
  .strict();

/** The catalogue's params, with AWS's shapes for what it narrows. */
const BucketRestrictParams = operationParams('storage.bucket.restrict').extend({
  /** Undo: the bucket's earlier public access block (`null`: it had none). */
  restore: z.object({ publicAccessBlock: Block.nullable() }).strict().optional(),
});

const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/**
 * Blocks all public access to a bucket: GetPublicAccessBlock (kept for the undo), then
 * PutPublicAccessBlock with all four settings on — public ACLs and public policies stop working
 * without being edited. S3 has no dry run: a dry run reads the current block and says what would
 * change. Undo: `restore` the earlier block (PutPublicAccessBlock) or, if there was none,
 * DeletePublicAccessBlock.
 */
export const storageBucketRestrict = awsOperation({
  id: 'storage.bucket.restrict',
  types: ['storage.bucket'],
  params: BucketRestrictParams,
  async run({ target, params, dryRun, ctx }) {
    const Bucket = bucketName(target);
    const s3 = ctx.clients.s3;
    const before = await getPublicAccessBlock(ctx, s3, Bucket);
    const previous = before ? Block.parse(normalise(before)) : null;
    if (params.restore) {
      const block = params.restore.publicAccessBlock;
      if (dryRun)
        return localDryRun(
          `S3 would ${block ? 'put back the earlier' : 'remove the'} public access block of ${Bucket}`,
        );
      if (block)
        await send(ctx, s3Op('PutPublicAccessBlock'), (o) =>
          s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: block }), o),
        );
      else
        await send(ctx, s3Op('DeletePublicAccessBlock'), (o) =>
          s3.send(new DeletePublicAccessBlockCommand({ Bucket }), o),
        );
      return {
        status: 'succeeded',
        message: `${Bucket}: public access block ${block ? 'restored' : 'removed'}`,
        undo: { operation: 'storage.bucket.restrict', params: {} },
      };
    }
    if (previous && Object.values(previous).every(Boolean))
      return { status: 'succeeded', message: `${Bucket} already blocks all public access` };
    if (dryRun) return localDryRun(`S3 would block all public access to ${Bucket}`);
    await send(ctx, s3Op('PutPublicAccessBlock'), (o) =>
      s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }), o),
    );
    return {
      status: 'succeeded',
      message: `${Bucket} now blocks all public access`,
      undo: { operation: 'storage.bucket.restrict', params: { restore: { publicAccessBlock: previous } } },
    };
  },
});

function normalise(block: PublicAccessBlockConfiguration): z.infer<typeof Block> {
  return {
    BlockPublicAcls: block.BlockPublicAcls === true,
    IgnorePublicAcls: block.IgnorePublicAcls === true,
    BlockPublicPolicy: block.BlockPublicPolicy === true,
    RestrictPublicBuckets: block.RestrictPublicBuckets === true,
  };
}
