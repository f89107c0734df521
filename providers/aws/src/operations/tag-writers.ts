import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import { AddTagsCommand, RemoveTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { TagResourceCommand as EksTag, UntagResourceCommand as EksUntag } from '@aws-sdk/client-eks';
import { TagRoleCommand, TagUserCommand, UntagRoleCommand, UntagUserCommand } from '@aws-sdk/client-iam';
import { TagResourceCommand as KmsTag, UntagResourceCommand as KmsUntag } from '@aws-sdk/client-kms';
import { TagResourceCommand as LambdaTag, UntagResourceCommand as LambdaUntag } from '@aws-sdk/client-lambda';
import { AddTagsToResourceCommand, RemoveTagsFromResourceCommand } from '@aws-sdk/client-rds';
import { DeleteBucketTaggingCommand, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import type { Resource, ResourceType } from '@escher/protocol';
import { arnResourceId } from '../core/arn.ts';
import type { AwsContext } from '../core/context.ts';
import { getBucketTagging } from '../s3/get-bucket-tagging.ts';
import { ec2Id, ec2Op } from './ec2-target.ts';
import { ec2DryRun, send } from './op-call.ts';
import { bucketName, s3Op } from './s3-target.ts';
import { tagPairs } from './tag-params.ts';

type Tags = Readonly<Record<string, string>>;

/**
 * How one service sets and removes tags. `dryRun` is there only where the API has one (EC2);
 * elsewhere the tag ops check locally. Keys and values only ever go into SDK request fields.
 */
export interface TagWriter {
  tag(ctx: AwsContext, target: Resource, tags: Tags): Promise<void>;
  untag(ctx: AwsContext, target: Resource, keys: readonly string[]): Promise<void>;
  dryRun?(ctx: AwsContext, target: Resource, tags: Tags, keys: readonly string[]): Promise<void>;
}

/** An own-property map (a `__proto__` tag key stays a key). */
const tagMap = (tags: Tags): Record<string, string> => Object.fromEntries(Object.entries(tags));

const ec2Writer: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, ec2Op('CreateTags'), (o) =>
      ctx.clients.ec2.send(new CreateTagsCommand({ Resources: [ec2Id(target)], Tags: tagPairs(tags) }), o),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, ec2Op('DeleteTags'), (o) =>
      ctx.clients.ec2.send(
        new DeleteTagsCommand({ Resources: [ec2Id(target)], Tags: keys.map((Key) => ({ Key })) }),
        o,
      ),
    );
  },
  dryRun: async (ctx, target, tags, keys) => {
    const Resources = [ec2Id(target)];
    if (Object.keys(tags).length)
      await ec2DryRun(ctx, 'CreateTags', (o) =>
        ctx.clients.ec2.send(new CreateTagsCommand({ Resources, Tags: tagPairs(tags), DryRun: true }), o),
      );
    if (keys.length)
      await ec2DryRun(ctx, 'DeleteTags', (o) =>
        ctx.clients.ec2.send(
          new DeleteTagsCommand({ Resources, Tags: keys.map((Key) => ({ Key })), DryRun: true }),
          o,
        ),
      );
  },
};

/** S3 replaces a bucket's whole tag set: read it, merge, write it back (or delete it when empty). */
const s3Writer: TagWriter = {
  tag: async (ctx, target, tags) =>
    writeBucketTags(ctx, target, (current) => ({ ...current, ...tagMap(tags) })),
  untag: async (ctx, target, keys) =>
    writeBucketTags(ctx, target, (current) =>
      Object.fromEntries(Object.entries(current).filter(([k]) => !keys.includes(k))),
    ),
};

async function writeBucketTags(
  ctx: AwsContext,
  target: Resource,
  change: (current: Record<string, string>) => Record<string, string>,
): Promise<void> {
  const Bucket = bucketName(target);
  const next = change(await getBucketTagging(ctx, ctx.clients.s3, Bucket));
  if (Object.keys(next).length === 0) {
    await send(ctx, s3Op('DeleteBucketTagging'), (o) =>
      ctx.clients.s3.send(new DeleteBucketTaggingCommand({ Bucket }), o),
    );
    return;
  }
  await send(ctx, s3Op('PutBucketTagging'), (o) =>
    ctx.clients.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagPairs(next) } }), o),
  );
}

const rdsWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'rds', operation: 'AddTagsToResource' }, (o) =>
      ctx.clients.rds.send(
        new AddTagsToResourceCommand({ ResourceName: target.nativeId, Tags: tagPairs(tags) }),
        o,
      ),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'rds', operation: 'RemoveTagsFromResource' }, (o) =>
      ctx.clients.rds.send(
        new RemoveTagsFromResourceCommand({ ResourceName: target.nativeId, TagKeys: [...keys] }),
        o,
      ),
    );
  },
};

const lambdaWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'lambda', operation: 'TagResource' }, (o) =>
      ctx.clients.lambda.send(new LambdaTag({ Resource: target.nativeId, Tags: tagMap(tags) }), o),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'lambda', operation: 'UntagResource' }, (o) =>
      ctx.clients.lambda.send(new LambdaUntag({ Resource: target.nativeId, TagKeys: [...keys] }), o),
    );
  },
};

const eksWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'eks', operation: 'TagResource' }, (o) =>
      ctx.clients.eks.send(new EksTag({ resourceArn: target.nativeId, tags: tagMap(tags) }), o),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'eks', operation: 'UntagResource' }, (o) =>
      ctx.clients.eks.send(new EksUntag({ resourceArn: target.nativeId, tagKeys: [...keys] }), o),
    );
  },
};

const elbv2Writer: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'elasticloadbalancing', operation: 'AddTags' }, (o) =>
      ctx.clients.elbv2.send(
        new AddTagsCommand({ ResourceArns: [target.nativeId], Tags: tagPairs(tags) }),
        o,
      ),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'elasticloadbalancing', operation: 'RemoveTags' }, (o) =>
      ctx.clients.elbv2.send(
        new RemoveTagsCommand({ ResourceArns: [target.nativeId], TagKeys: [...keys] }),
        o,
      ),
    );
  },
};

const iamUserWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'iam', operation: 'TagUser' }, (o) =>
      ctx.clients.iam.send(
        new TagUserCommand({ UserName: arnResourceId(target.nativeId), Tags: tagPairs(tags) }),
        o,
      ),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'iam', operation: 'UntagUser' }, (o) =>
      ctx.clients.iam.send(
        new UntagUserCommand({ UserName: arnResourceId(target.nativeId), TagKeys: [...keys] }),
        o,
      ),
    );
  },
};

const iamRoleWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'iam', operation: 'TagRole' }, (o) =>
      ctx.clients.iam.send(
        new TagRoleCommand({ RoleName: arnResourceId(target.nativeId), Tags: tagPairs(tags) }),
        o,
      ),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'iam', operation: 'UntagRole' }, (o) =>
      ctx.clients.iam.send(
        new UntagRoleCommand({ RoleName: arnResourceId(target.nativeId), TagKeys: [...keys] }),
        o,
      ),
    );
  },
};

const kmsWriter: TagWriter = {
  tag: async (ctx, target, tags) => {
    await send(ctx, { service: 'kms', operation: 'TagResource' }, (o) =>
      ctx.clients.kms.send(
        new KmsTag({
          KeyId: arnResourceId(target.nativeId),
          Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        }),
        o,
      ),
    );
  },
  untag: async (ctx, target, keys) => {
    await send(ctx, { service: 'kms', operation: 'UntagResource' }, (o) =>
      ctx.clients.kms.send(new KmsUntag({ KeyId: arnResourceId(target.nativeId), TagKeys: [...keys] }), o),
    );
  },
};

/** The tag API of each type: a route table over every SPEC section 3 type AWS has. */
export const TAG_WRITERS: Readonly<Record<ResourceType, TagWriter>> = {
  'compute.instance': ec2Writer,
  'compute.volume': ec2Writer,
  'compute.snapshot': ec2Writer,
  'network.vpc': ec2Writer,
  'network.subnet': ec2Writer,
  'network.firewall': ec2Writer,
  'network.ip': ec2Writer,
  'storage.bucket': s3Writer,
  'database.instance': rdsWriter,
  'serverless.function': lambdaWriter,
  'container.cluster': eksWriter,
  'network.loadbalancer': elbv2Writer,
  'iam.user': iamUserWriter,
  'iam.role': iamRoleWriter,
  'security.key': kmsWriter,
};

export const TAGGABLE_TYPES = Object.keys(TAG_WRITERS) as ResourceType[];
