import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NATIVE_TYPES, RESOURCE_TYPES, UserError } from '@escher/protocol';
import { awsProvider } from './index.ts';

const firstPage = (pages: AsyncIterable<unknown>) => pages[Symbol.asyncIterator]().next();

describe('the AWS provider’s registration', () => {
  const provider = awsProvider.create({ kind: 'keys', accessKeyId: 'AKIAOFFLINE', secretAccessKey: 's' });

  it('discovers every SPEC section 3 type AWS has, each in exactly one service', () => {
    const awsTypes = RESOURCE_TYPES.filter((t) => NATIVE_TYPES[t].aws.length > 0);
    const covered = provider.services.flatMap((s) => s.types);
    assert.deepEqual([...covered].sort(), [...awsTypes].sort());
    assert.deepEqual(
      provider.services.filter((s) => s.global).map((s) => s.id),
      ['s3', 'iam.users', 'iam.roles'],
    );
    for (const type of awsTypes) assert.ok(awsProvider.capabilities.includes(`discover:${type}`), type);
  });

  it('refuses unknown services and regional services without a region', async () => {
    await assert.rejects(
      firstPage(provider.discover({ account: '1', region: 'us-east-1', service: 'sqs' })),
      (e: unknown) => e instanceof UserError && e.code === 'aws-service-unknown',
    );
    await assert.rejects(
      firstPage(provider.discover({ account: '1', region: 'global', service: 'ec2.instances' })),
      (e: unknown) => e instanceof UserError && e.code === 'aws-region-required',
    );
  });
});
