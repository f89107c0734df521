import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, type Resource } from '@escher/protocol';
import {
  assertOnlyTargetChanged,
  startOperationsFixture,
  type OperationsFixture,
} from './operations.testing.ts';

/** How a refused operation looks to the engine: an Escher error with a stable code and the AWS code. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EscherError, String(error));
    return { code: error.code, message: error.message };
  }
  return assert.fail('expected a refusal');
}

/** The same resource under an id the simulator never issued. */
const missing = (r: Resource, id: string): Resource => {
  const nativeId = r.nativeId.replace(/\/[^/]+$/, `/${id}`);
  return { ...r, id: nativeId, nativeId };
};

describe('AWS EC2 operations against escher-sim', () => {
  let fx: OperationsFixture;
  let instances: Resource[];
  before(async () => {
    fx = await startOperationsFixture(['--seed', '7', '--size', 'small']);
    instances = await fx.all('compute.instance');
  });
  after(() => fx?.close());

  const running = () => instances.filter((i) => i.state === 'running');

  it('stop: dry run changes nothing; stop changes only the target; undo starts it again', async () => {
    const target = running()[0]!;
    const scopeBefore = await fx.scope(target);
    const dry = await fx.run('compute.instance.stop', target, {}, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal(dry.dryRunSupported, true);
    assert.equal((await fx.actions.refresh(target))?.state, 'running');

    const stopped = await fx.run('compute.instance.stop', target);
    assert.equal(stopped.status, 'accepted');
    assert.deepEqual(stopped.undo, { operation: 'compute.instance.start', params: {} });
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.state, 'stopped');
    assert.equal((await fx.discovered(target))?.state, 'stopped');
    assertOnlyTargetChanged(scopeBefore, await fx.scope(target), target);

    const again = await fx.run('compute.instance.stop', target);
    assert.equal(again.status, 'succeeded');
    assert.equal(again.undo, undefined, 'stopping a stopped instance changes nothing, so nothing to undo');

    await fx.undo(stopped, target);
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.state, 'running');
    assert.equal((await fx.discovered(target))?.state, 'running');
  });

  it('resize: refused while running (IncorrectInstanceState); on a stopped instance it resizes and undoes', async () => {
    const target = running()[1]!;
    const size = target.attributes.size as string;
    const other = size === 't3.large' ? 't3.xlarge' : 't3.large';
    const refused = await refusal(fx.run('compute.instance.resize', target, { size: other }));
    assert.equal(refused.code, 'aws-wrong-state');
    assert.match(refused.message, /IncorrectInstanceState/);

    await fx.run('compute.instance.stop', target);
    await fx.settle();
    const dry = await fx.run('compute.instance.resize', target, { size: other }, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal((await fx.actions.refresh(target))?.attributes.size, size);

    const resized = await fx.run('compute.instance.resize', target, { size: other });
    assert.deepEqual(resized.undo, { operation: 'compute.instance.resize', params: { size } });
    assert.equal((await fx.actions.refresh(target))?.attributes.size, other);
    assert.equal((await fx.discovered(target))?.attributes.size, other);
    await fx.undo(resized, target);
    assert.equal((await fx.actions.refresh(target))?.attributes.size, size);

    const bad = await refusal(fx.run('compute.instance.resize', target, { size: 'huge; rm -rf ~' }));
    assert.equal(bad.code, 'aws-operation-params');
  });

  it('restart reboots a running instance and is refused for a stopped one', async () => {
    const target = running()[2]!;
    const rebooted = await fx.run('compute.instance.restart', target);
    assert.equal(rebooted.status, 'accepted');
    assert.equal(rebooted.undo, undefined);
    assert.equal((await fx.actions.refresh(target))?.state, 'running');
    const stopped = instances.find((i) => i.state === 'stopped')!;
    assert.equal((await refusal(fx.run('compute.instance.restart', stopped))).code, 'aws-wrong-state');
  });

  it('snapshot: one snapshot per attached volume, found by discovery; no undo', async () => {
    const target = running().find((i) => i.relationships.some((r) => r.kind === 'attached-volume'))!;
    const volumes = target.relationships.filter((r) => r.kind === 'attached-volume').length;
    assert.equal((await fx.run('compute.instance.snapshot', target, {}, true)).status, 'dry-run-ok');
    const outcome = await fx.run('compute.instance.snapshot', target, { tags: { purpose: 'pre-change' } });
    assert.equal(outcome.created?.length, volumes);
    assert.equal(outcome.undo, undefined);
    await fx.settle();
    const snapshots = await fx.all('compute.snapshot');
    for (const arn of outcome.created!) {
      const snap = snapshots.find((s) => s.id === arn);
      assert.ok(snap, `${arn} is discovered`);
      assert.equal(snap.state, 'available');
      assert.equal(snap.tags.purpose, 'pre-change');
    }
  });

  it('delete terminates exactly the target; a missing instance is a clear not-found', async () => {
    const target = running()[3]!;
    const before = await fx.scope(target);
    const outcome = await fx.run('compute.instance.delete', target);
    assert.equal(outcome.undo, undefined, 'termination cannot be undone');
    await fx.settle();
    assert.equal((await fx.actions.refresh(target))?.state, 'terminated');
    assertOnlyTargetChanged(before, await fx.scope(target), target);

    const ghost = missing(target, 'i-0123456789abcdef0');
    assert.equal(await fx.actions.refresh(ghost), undefined);
    const gone = await refusal(fx.run('compute.instance.stop', ghost));
    assert.equal(gone.code, 'aws-resource-not-found');
    assert.match(gone.message, /InvalidInstanceID\.NotFound/);
  });

  it('volumes: snapshot one, delete an unattached one, refuse to delete an attached one', async () => {
    const volumes = await fx.all('compute.volume');
    const attached = volumes.find((v) => v.attributes.attached === true)!;
    const loose = volumes.find((v) => v.attributes.attached === false)!;
    const snap = await fx.run('compute.volume.snapshot', attached, { description: 'nightly' });
    assert.equal(snap.created?.length, 1);
    const inUse = await refusal(fx.run('compute.volume.delete', attached));
    assert.equal(inUse.code, 'aws-wrong-state');
    assert.match(inUse.message, /VolumeInUse/);
    assert.equal((await fx.run('compute.volume.delete', loose, {}, true)).status, 'dry-run-ok');
    assert.ok(await fx.actions.refresh(loose), 'a dry run deletes nothing');
    await fx.run('compute.volume.delete', loose);
    assert.equal(await fx.actions.refresh(loose), undefined);
    assert.equal(await fx.discovered(loose), undefined);
  });

  it('snapshots: restrict makes a public one private and undo shares it again; delete removes it', async () => {
    const target = (await fx.all('compute.snapshot')).find(
      (s) => s.attributes.public === true && s.attributes.encrypted === false,
    )!;
    const before = await fx.scope(target);
    assert.equal((await fx.run('compute.snapshot.restrict', target, {}, true)).status, 'dry-run-ok');
    assert.equal((await fx.actions.refresh(target))?.attributes.public, true);
    const restricted = await fx.run('compute.snapshot.restrict', target);
    assert.deepEqual(restricted.undo, {
      operation: 'compute.snapshot.restrict',
      params: { restore: { public: true } },
    });
    assert.equal((await fx.actions.refresh(target))?.attributes.public, false);
    assert.equal((await fx.discovered(target))?.attributes.public, false);
    assertOnlyTargetChanged(before, await fx.scope(target), target);
    await fx.undo(restricted, target);
    assert.equal((await fx.actions.refresh(target))?.attributes.public, true);

    await fx.run('compute.snapshot.delete', target);
    assert.equal(await fx.actions.refresh(target), undefined);
    assert.equal((await refusal(fx.run('compute.snapshot.delete', target))).code, 'aws-resource-not-found');
  });

  it('firewall restrict revokes only the world-open rules; undo puts the same rules back', async () => {
    const target =
      (await fx.all('network.firewall')).find(
        (g) => g.attributes.openToWorld === true && (g.attributes.ingress as unknown[]).length > 1,
      ) ?? (await fx.all('network.firewall')).find((g) => g.attributes.openToWorld === true)!;
    const before = await fx.scope(target);
    const original = (await fx.actions.refresh(target))!;
    assert.equal((await fx.run('network.firewall.restrict', target, {}, true)).status, 'dry-run-ok');
    assert.deepEqual((await fx.actions.refresh(target))?.attributes.ingress, original.attributes.ingress);

    const restricted = await fx.run('network.firewall.restrict', target);
    const after = (await fx.actions.refresh(target))!;
    assert.equal(after.attributes.openToWorld, false);
    const kept = (original.attributes.ingress as { sources: string[] }[])
      .map((r) => ({ ...r, sources: r.sources.filter((s) => s !== '0.0.0.0/0' && s !== '::/0') }))
      .filter((r) => r.sources.length > 0);
    assert.deepEqual(after.attributes.ingress, kept, 'rules from other sources stay');
    assertOnlyTargetChanged(before, await fx.scope(target), target);

    await fx.undo(restricted, target);
    const restored = (await fx.actions.refresh(target))!;
    const sorted = (r: Resource) =>
      (r.attributes.ingress as { sources: string[] }[])
        .map((x) => JSON.stringify({ ...x, sources: [...x.sources].sort() }))
        .sort();
    assert.deepEqual(sorted(restored), sorted(original));
    assert.equal((await fx.discovered(target))?.attributes.openToWorld, true);
  });

  it('Elastic IPs: release an unassociated one; an associated one is refused', async () => {
    const ips = await fx.all('network.ip');
    const free = ips.find((i) => i.attributes.associated === false)!;
    assert.equal((await fx.run('network.ip.delete', free, {}, true)).status, 'dry-run-ok');
    await fx.run('network.ip.delete', free);
    assert.equal(await fx.actions.refresh(free), undefined);
    const bound = ips.find((i) => i.attributes.associated === true);
    if (bound) assert.equal((await refusal(fx.run('network.ip.delete', bound))).code, 'aws-wrong-state');
  });
});
