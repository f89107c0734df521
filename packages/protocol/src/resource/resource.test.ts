import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceSchema } from './resource.schema.ts';
import { deriveEnvironment, normaliseEnvironment } from './environment.ts';
import { NATIVE_TYPES, resourceTypeOfNative } from './native-types.ts';
import { RESOURCE_TYPES } from './vocabulary.ts';

describe('resource model', () => {
  it('accepts a well-formed resource and rejects an unknown type', () => {
    const resource = {
      id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
      nativeId: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
      cloud: 'aws',
      account: '123456789012',
      region: 'us-east-1',
      type: 'compute.instance',
      nativeType: 'AWS::EC2::Instance',
      name: 'web-1',
      tags: { env: 'prod' },
      attributes: { size: 't3.micro' },
      relationships: [
        { kind: 'attached-volume', targetId: 'arn:aws:ec2:us-east-1:123456789012:volume/vol-1' },
      ],
    };
    assert.ok(ResourceSchema.safeParse(resource).success);
    assert.equal(ResourceSchema.safeParse({ ...resource, type: 'compute.vm' }).success, false);
  });

  it('derives environments from messy tags and names', () => {
    assert.equal(deriveEnvironment({ Environment: 'Production' }), 'prod');
    assert.equal(deriveEnvironment({ stage: 'stg' }), 'staging');
    assert.equal(deriveEnvironment({ owner: 'x' }, 'orders-uat-api'), 'test');
    assert.equal(deriveEnvironment({}, 'orders-api'), undefined);
    assert.equal(normaliseEnvironment(' PRD '), 'prod');
  });

  it('maps every native type back to its type, case-insensitively', () => {
    for (const type of RESOURCE_TYPES) {
      for (const natives of Object.values(NATIVE_TYPES[type])) {
        for (const native of natives) assert.equal(resourceTypeOfNative(native.toUpperCase()), type);
      }
    }
  });
});
