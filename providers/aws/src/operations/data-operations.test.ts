import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, type Resource } from '@escher/protocol';
import {
  assertOnlyTargetChanged,
  startOperationsFixture,
  type OperationsFixture,
} from './operations.testing.ts';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EscherError, String(error));
    return { code: error.code, message: error.message };
  }
  return assert.fail('expected a refusal');
}

describe('AWS S3 and RDS operations against escher-sim', () => {
  let fx: OperationsFixture;
  let buckets: Resource[];
  let dbs: Resource[];
  before(async () => {
    fx = await startOperationsFixture(['--seed', '7', '--size', 'small']);
    buckets = await fx.all('storage.bucket');
    dbs = (await fx.all('database.instance')).filter((d) => !d.attributes.clusterId);
  });
  after(() => fx?.close());

  it('bucket restrict blocks public access (no S3 dry run); undo puts the old block back', async () => {
    // A public bucket when the estate has one, else any bucket not yet fully blocked.
    const target =
      buckets.find((b) => b.attributes.public === true) ??
      buckets.find((b) => b.attributes.publicAccessBlocked !== true)!;
    const wasPublic = target.attributes.public === true;
    const before = await fx.scope(target);
    const dry = await fx.run('storage.bucket.restrict', target, {}, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal(dry.dryRunSupported, false);
    assert.equal((await fx.actions.refresh(target))?.attributes.public, wasPublic);

    const restricted = await fx.run('storage.bucket.restrict', target);
    assert.equal(restricted.undo?.operation, 'storage.bucket.restrict');
    const after = (await fx.actions.refresh(target))!;
    assert.equal(after.attributes.public, false);
    assert.equal(after.attributes.publicAccessBlocked, true);
    assert.equal((await fx.discovered(target))?.attributes.public, false);
    assertOnlyTargetChanged(before, await fx.scope(target), target);

    await fx.undo(restricted, target);
    const restored = (await fx.actions.refresh(target))!;
    assert.equal(restored.attributes.public, wasPublic);
    assert.deepEqual(
      restored.attributes.publicAccessBlock,
      (await fx.discovered(target))?.attributes.publicAccessBlock,
    );
    assert.deepEqual(
      restored,
      before.find((r) => r.id === target.id),
    );
  });

  it('bucket encrypt sets default encryption; with no earlier rule there is no undo, with one the undo restores it', async () => {
    const plain = buckets.find((b) => b.attributes.encrypted === false)!;
    assert.equal((await fx.run('storage.bucket.encrypt', plain, {}, true)).dryRunSupported, false);
    assert.equal((await fx.actions.refresh(plain))?.attributes.encrypted, false);
    const first = await fx.run('storage.bucket.encrypt', plain);
    assert.equal(first.undo, undefined);
    assert.match(first.message, /no undo/);
    assert.equal((await fx.discovered(plain))?.attributes.encryption, 'AES256');

    const toKms = await fx.run('storage.bucket.encrypt', plain, { algorithm: 'aws:kms', bucketKey: true });
    assert.deepEqual(toKms.undo, {
      operation: 'storage.bucket.encrypt',
      params: { algorithm: 'AES256', bucketKey: false },
    });
    assert.equal((await fx.actions.refresh(plain))?.attributes.encryption, 'aws:kms');
    await fx.undo(toKms, plain);
    assert.equal((await fx.actions.refresh(plain))?.attributes.encryption, 'AES256');
    const bad = await refusal(fx.run('storage.bucket.encrypt', plain, { algorithm: 'AES256', key: 'k' }));
    assert.equal(bad.code, 'aws-operation-params');
  });

  it('bucket backup turns versioning on; undo suspends it', async () => {
    const target = buckets.find((b) => b.attributes.versioning !== 'Enabled')!;
    const outcome = await fx.run('storage.bucket.backup', target);
    assert.equal((await fx.actions.refresh(target))?.attributes.versioning, 'Enabled');
    await fx.undo(outcome, target);
    assert.equal((await fx.actions.refresh(target))?.attributes.versioning, 'Suspended');
  });

  it('database stop/start: dry run checks the status; stop changes only the target; undo starts it', async () => {
    const target = dbs.find((d) => d.attributes.nativeState === 'available')!;
    const before = await fx.scope(target);
    const dry = await fx.run('database.instance.stop', target, {}, true);
    assert.equal(dry.dryRunSupported, false);
    assert.equal((await fx.actions.refresh(target))?.attributes.nativeState, 'available');
    const dryStart = await refusal(fx.run('database.instance.start', target, {}, true));
    assert.equal(dryStart.code, 'aws-wrong-state');

    const stopped = await fx.run('database.instance.stop', target);
    assert.deepEqual(stopped.undo, { operation: 'database.instance.start', params: {} });
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.state, 'stopped');
    assert.equal((await fx.discovered(target))?.state, 'stopped');
    assertOnlyTargetChanged(before, await fx.scope(target), target);
    const twice = await refusal(fx.run('database.instance.stop', target));
    assert.equal(twice.code, 'aws-wrong-state');
    assert.match(twice.message, /InvalidDBInstanceState/);

    await fx.undo(stopped, target);
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.state, 'running');
  });

  it('database restart, snapshot, backup, restrict and resize each do what they say and undo', async () => {
    const target = dbs.find((d) => d.attributes.nativeState === 'available')!;
    assert.equal((await fx.run('database.instance.restart', target)).status, 'accepted');
    await fx.settle();

    const snap = await fx.run('database.instance.snapshot', target, { name: 'before-change-1' });
    assert.deepEqual(snap.created, [
      `arn:aws:rds:${target.region}:${target.account}:snapshot:before-change-1`,
    ]);
    assert.equal(snap.undo, undefined);
    await fx.settle();
    const dup = await refusal(fx.run('database.instance.snapshot', target, { name: 'before-change-1' }));
    assert.match(dup.message, /DBSnapshotAlreadyExists/);

    const days = target.attributes.backupRetentionDays as number;
    const backup = await fx.run('database.instance.backup', target, { retentionDays: days === 14 ? 21 : 14 });
    assert.equal((await fx.actions.refresh(target))?.attributes.backupRetentionDays, days === 14 ? 21 : 14);
    await fx.undo(backup, target);
    assert.equal((await fx.actions.refresh(target))?.attributes.backupRetentionDays, days);

    const open =
      dbs.find((d) => d.attributes.public === true && d.attributes.nativeState === 'available') ?? target;
    const wasPublic = open.attributes.public === true;
    const restricted = await fx.run('database.instance.restrict', open);
    assert.equal((await fx.actions.refresh(open))?.attributes.public, false);
    if (wasPublic) {
      await fx.undo(restricted, open);
      assert.equal((await fx.discovered(open))?.attributes.public, true);
    }

    const size = target.attributes.size as string;
    const other = size === 'db.m6g.large' ? 'db.r6g.large' : 'db.m6g.large';
    const resized = await fx.run('database.instance.resize', target, { size: other });
    assert.equal(resized.status, 'accepted');
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.attributes.size, other);
    await fx.undo(resized, target);
    await fx.settle();
    assert.equal((await fx.discovered(target))?.attributes.size, size);
  });

  it('a database that does not exist is a clear not-found, and refresh says it is gone', async () => {
    const ghost = { ...dbs[0]!, id: 'x', nativeId: dbs[0]!.nativeId.replace(/db:.*$/, 'db:no-such-db') };
    assert.equal(await fx.actions.refresh(ghost), undefined);
    assert.equal((await refusal(fx.run('database.instance.stop', ghost))).code, 'aws-resource-not-found');
  });
});
