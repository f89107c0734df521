import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, RESOURCE_TYPES, type Resource } from '@escher/protocol';
import { startOperationsFixture, type OperationsFixture } from './operations.testing.ts';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EscherError, String(error));
    return { code: error.code, message: error.message };
  }
  return assert.fail('expected a refusal');
}

/** Untrusted text a tag may carry: it must arrive as data, never be interpreted. */
const HOSTILE = '$(touch pwned); rm -rf ~ `id` --force\nnext';

const EC2_TYPES = new Set([
  'compute.instance',
  'compute.volume',
  'compute.snapshot',
  'network.vpc',
  'network.subnet',
  'network.firewall',
  'network.ip',
]);

describe('AWS EKS, KMS and tag operations against escher-sim', () => {
  let fx: OperationsFixture;
  before(async () => {
    // Medium: small estates have no customer-managed KMS keys.
    fx = await startOperationsFixture(['--seed', '7', '--size', 'medium']);
  });
  after(() => fx?.close());

  it('cluster restrict turns the public endpoint off once EKS finishes; undo turns it back on', async () => {
    const target = (await fx.all('container.cluster')).find((c) => c.attributes.endpointPublic === true)!;
    assert.equal((await fx.run('container.cluster.restrict', target, {}, true)).dryRunSupported, false);
    const restricted = await fx.run('container.cluster.restrict', target);
    assert.equal(restricted.status, 'accepted');
    assert.equal(restricted.undo?.operation, 'container.cluster.restrict');
    const during = (await fx.actions.refresh(target))!;
    assert.equal(during.attributes.nativeState, 'UPDATING');
    assert.equal(
      (await refusal(fx.run('container.cluster.restrict', target, { allowCidrs: ['203.0.113.0/24'] }))).code,
      'aws-wrong-state',
    );
    await fx.settle();
    const after = (await fx.actions.refresh(target))!;
    assert.equal(after.attributes.endpointPublic, false);
    assert.equal(after.attributes.endpointPrivateAccess, true);
    assert.equal((await fx.discovered(target))?.attributes.endpointPublic, false);

    await fx.undo(restricted, target);
    await fx.settle();
    const back = (await fx.actions.refresh(target))!;
    assert.equal(back.attributes.endpointPublic, true);
    assert.deepEqual(back.attributes.publicAccessCidrs, target.attributes.publicAccessCidrs);
    assert.equal(back.attributes.endpointPrivateAccess, target.attributes.endpointPrivateAccess);
  });

  it('key encrypt turns rotation on for a customer key, undo turns it off; AWS-managed keys refuse', async () => {
    const keys = await fx.all('security.key');
    const target = keys.find(
      (k) => k.attributes.customerManaged === true && k.attributes.rotationEnabled === false,
    )!;
    const dry = await fx.run('security.key.encrypt', target, {}, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal((await fx.actions.refresh(target))?.attributes.rotationEnabled, false);
    const outcome = await fx.run('security.key.encrypt', target, { rotationPeriodDays: 180 });
    assert.deepEqual(outcome.undo, {
      operation: 'security.key.encrypt',
      params: { restore: { rotation: false } },
    });
    assert.equal((await fx.discovered(target))?.attributes.rotationEnabled, true);
    await fx.undo(outcome, target);
    assert.equal((await fx.actions.refresh(target))?.attributes.rotationEnabled, false);

    const managed = keys.find((k) => k.attributes.customerManaged === false)!;
    const refused = await refusal(fx.run('security.key.encrypt', managed, { rotationPeriodDays: 90 }));
    assert.equal(refused.code, 'aws-wrong-state');
    assert.match(refused.message, /UnsupportedOperationException/);
  });

  it('tag and untag work on one resource of every AWS type, with exact undo and hostile values kept as data', async () => {
    for (const type of RESOURCE_TYPES) {
      const candidates = (await fx.all(type)).filter(
        (r) =>
          r.state !== 'terminated' &&
          r.attributes.serviceLinked !== true &&
          (type !== 'security.key' ||
            (r.attributes.customerManaged === true && r.attributes.nativeState === 'Enabled')),
      );
      const target = candidates.find((r) => Object.keys(r.tags).length > 0) ?? candidates[0];
      assert.ok(target, `the estate has a taggable ${type}`);
      const original = (await fx.actions.refresh(target))!;
      const existing = Object.keys(original.tags).find((k) => k !== 'Name');

      const dry = await fx.run('resource.tag', target, { tags: { reviewed: HOSTILE } }, true);
      assert.equal(dry.status, 'dry-run-ok', type);
      assert.equal(dry.dryRunSupported, EC2_TYPES.has(type), type);
      assert.deepEqual(
        (await fx.actions.refresh(target))?.tags,
        original.tags,
        `${type}: dry run changes nothing`,
      );

      const tags = { reviewed: HOSTILE, ...(existing ? { [existing]: 'changed' } : {}) };
      const tagged = await fx.run('resource.tag', target, { tags });
      const now = (await fx.actions.refresh(target))!;
      assert.equal(now.tags.reviewed, HOSTILE, type);
      if (existing) assert.equal(now.tags[existing], 'changed', type);
      assert.deepEqual((await fx.discovered(target))?.tags, now.tags, `${type}: discovery agrees`);
      await fx.undo(tagged, target);
      assert.deepEqual(
        (await fx.actions.refresh(target))?.tags,
        original.tags,
        `${type}: undo restores the tags`,
      );

      if (existing) {
        const untagged = await fx.run('resource.untag', target, { keys: [existing, 'never-there'] });
        assert.equal((await fx.actions.refresh(target))?.tags[existing], undefined, type);
        await fx.undo(untagged, target);
        assert.deepEqual((await fx.actions.refresh(target))?.tags, original.tags, `${type}: untag undo`);
      }
    }
  });

  it('tag params are validated before any call, and a target of another cloud is refused', async () => {
    const vpc = (await fx.all('network.vpc'))[0]!;
    assert.equal(
      (await refusal(fx.run('resource.tag', vpc, { tags: { 'aws:owner': 'x' } }))).code,
      'aws-operation-params',
    );
    assert.equal((await refusal(fx.run('resource.tag', vpc, { tags: {} }))).code, 'aws-operation-params');
    assert.equal(
      (await refusal(fx.run('resource.tag', { ...vpc, cloud: 'gcp' } as Resource, { tags: { a: 'b' } })))
        .code,
      'aws-operation-target',
    );
    assert.equal((await refusal(fx.run('compute.instance.stop', vpc))).code, 'aws-operation-target');
  });
});
