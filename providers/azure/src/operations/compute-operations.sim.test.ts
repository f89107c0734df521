import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserError, type Resource } from '@escher/protocol';
import {
  changedIds,
  find,
  key,
  rejectsWith,
  startOpsHarness,
  type OpsHarness,
} from './operations.testing.ts';

describe('Azure compute operations against the simulator', () => {
  let h: OpsHarness;
  let estate: Map<string, Resource>;

  before(async () => {
    h = await startOpsHarness(['--seed', '42', '--size', '1000'], 0);
    estate = await h.discover();
  });
  after(() => h?.stop());

  const running = (r: Resource): boolean => r.attributes['powerState'] === 'running';

  it('refresh reads each type back exactly as a sync does, and undefined once gone', async () => {
    const byType = new Map<string, Resource[]>();
    for (const r of estate.values()) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
    assert.ok(byType.size >= 12, `many types in the estate: ${[...byType.keys()].join(', ')}`);
    for (const [type, list] of byType)
      for (const r of list.slice(0, 2)) assert.deepEqual(await h.refresh(r), r, `${type} ${r.name}`);
    const vm = find(estate, 'compute.instance', () => true, 'a VM');
    const gone = { ...vm, id: `${vm.id}-gone`, nativeId: `${vm.nativeId}-gone` };
    assert.equal(await h.refresh(gone), undefined);
  });

  it('stops a running VM by deallocating it; the dry run changes nothing; the undo starts it', async () => {
    const vm = find(estate, 'compute.instance', running, 'a running VM');
    const mark = await h.mark();
    const dry = await h.run('compute.instance.stop', vm, {}, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal(dry.dryRunSupported, false);
    assert.deepEqual(
      (await h.callsSince(mark)).filter((c) => c.mutating),
      [],
      'a dry run makes no mutating call',
    );
    assert.deepEqual(await h.refresh(vm), vm);

    const before = await h.discover();
    const stop = await h.run('compute.instance.stop', vm);
    assert.equal(stop.status, 'succeeded');
    assert.deepEqual(stop.undo, { operation: 'compute.instance.start', params: {} });
    const after = await h.discover();
    assert.deepEqual(changedIds(before, after), [key(vm)], 'only the VM changed');
    const stopped = await h.refresh(vm);
    assert.equal(stopped?.state, 'stopped');
    assert.equal(stopped?.attributes['powerState'], 'deallocated');
    assert.deepEqual(after.get(key(vm)), stopped, 'refresh and discovery agree');
    assert.ok(
      (await h.callsSince(mark)).some((c) => c.operation === 'virtualMachines.deallocate'),
      'deallocate, not powerOff',
    );

    const again = await h.run('compute.instance.stop', vm);
    assert.equal(again.undo, undefined, 'stopping a deallocated VM changes nothing to undo');
    await assert.rejects(
      h.run('compute.instance.restart', vm, {}, true),
      rejectsWith('azure-wrong-state', /OperationNotAllowed/),
    );
    await assert.rejects(
      h.run('compute.instance.restart', vm),
      rejectsWith('azure-request-failed', /OperationNotAllowed/),
      "Compute's own refusal, code in the message",
    );

    const start = await h.undo(stop, vm);
    assert.deepEqual(start.undo, { operation: 'compute.instance.stop', params: {} });
    assert.deepEqual(await h.refresh(vm), vm, 'the undo restores the VM as it was');
    const restart = await h.run('compute.instance.restart', vm);
    assert.equal(restart.undo, undefined);
    assert.equal((await h.refresh(vm))?.state, 'running');
  });

  it('resizes a VM and back; refuses a size it cannot take', async () => {
    const vm = find(estate, 'compute.instance', running, 'a running VM');
    const old = vm.attributes['size'] as string;
    const size = old === 'Standard_D4s_v5' ? 'Standard_D2s_v5' : 'Standard_D4s_v5';
    const dry = await h.run('compute.instance.resize', vm, { size }, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal((await h.refresh(vm))?.attributes['size'], old);
    const before = await h.discover();
    const resized = await h.run('compute.instance.resize', vm, { size });
    assert.deepEqual(resized.undo, { operation: 'compute.instance.resize', params: { size: old } });
    const after = await h.discover();
    assert.deepEqual(changedIds(before, after), [key(vm)]);
    assert.equal(after.get(key(vm))?.attributes['size'], size);
    await h.undo(resized, vm);
    assert.equal((await h.refresh(vm))?.attributes['size'], old);
    await assert.rejects(
      h.run('compute.instance.resize', vm, { size: 'Standard_Z999' }),
      rejectsWith('azure-size-unavailable'),
    );
    await assert.rejects(
      h.run('compute.instance.resize', vm, { size: '../../x' }),
      rejectsWith('azure-invalid-params'),
    );
  });

  it('snapshots a VM’s disks and one disk, closed to the network; restricts and deletes snapshots', async () => {
    const vm = find(estate, 'compute.instance', (r) => r.relationships.length > 0, 'a VM with disks');
    const disks = vm.relationships.filter((r) => r.kind === 'attached-volume').map((r) => r.targetId);
    const before = await h.discover();
    const all = await h.run('compute.instance.snapshot', vm);
    assert.equal(all.created?.length, disks.length);
    const after = await h.discover();
    assert.deepEqual(
      changedIds(before, after),
      all.created!.map((id) => id.toLowerCase()).sort(),
      'only new snapshots',
    );
    const snaps = all.created!.map((id) => after.get(id.toLowerCase())!);
    assert.deepEqual(
      snaps.map((s) => s.attributes['sourceId']),
      disks,
      'one snapshot per disk, OS disk first',
    );
    for (const s of snaps) assert.equal(s.attributes['public'], false);

    const disk = find(after, 'compute.volume', (r) => r.id === disks[0], 'the VM’s OS disk');
    const one = await h.run('compute.volume.snapshot', disk, {
      name: 'escher-test-snap',
      description: 'before the change',
    });
    const snap = await h.refresh({ ...snaps[0]!, id: one.created![0]!, nativeId: one.created![0]! });
    assert.equal(snap?.name, 'escher-test-snap');
    assert.equal(snap?.attributes['incremental'], true);
    assert.equal(snap?.tags['description'], 'before the change');
    assert.equal(one.undo, undefined);

    const open = await h.run('compute.snapshot.restrict', snap!, {
      restore: { networkAccessPolicy: 'AllowAll', publicNetworkAccess: 'Enabled' },
    });
    assert.equal((await h.refresh(snap!))?.attributes['public'], true);
    const publicSnap = (await h.refresh(snap!))!;
    const dry = await h.run('compute.snapshot.restrict', publicSnap, {}, true);
    assert.equal(dry.status, 'dry-run-ok');
    assert.equal((await h.refresh(publicSnap))?.attributes['public'], true, 'the dry run left it public');
    const restricted = await h.run('compute.snapshot.restrict', publicSnap);
    assert.equal((await h.refresh(publicSnap))?.attributes['networkAccessPolicy'], 'DenyAll');
    assert.deepEqual(restricted.undo, {
      operation: 'compute.snapshot.restrict',
      params: { restore: { networkAccessPolicy: 'AllowAll', publicNetworkAccess: 'Enabled' } },
    });
    assert.deepEqual(open.undo?.params, {
      restore: { networkAccessPolicy: 'DenyAll', publicNetworkAccess: 'Disabled' },
    });
    await h.undo(restricted, publicSnap);
    assert.deepEqual(await h.refresh(publicSnap), publicSnap, 'the undo reopens it exactly');

    for (const id of [...all.created!, one.created![0]!]) {
      const target = { ...snaps[0]!, id, nativeId: id };
      const deleted = await h.run('compute.snapshot.delete', target);
      assert.equal(deleted.undo, undefined);
      assert.equal(await h.refresh(target), undefined);
    }
    assert.deepEqual(changedIds(before, await h.discover()), [], 'back to the estate before the snapshots');
  });

  it('deletes an unattached disk; refuses an attached one, naming the VM', async () => {
    const free = find(
      estate,
      'compute.volume',
      (r) => r.attributes['attached'] === false,
      'an unattached disk',
    );
    const used = find(estate, 'compute.volume', (r) => r.attributes['attached'] === true, 'an attached disk');
    await assert.rejects(
      h.run('compute.volume.delete', used, {}, true),
      rejectsWith('azure-disk-attached', /attached to VM/),
    );
    await assert.rejects(
      h.run('compute.volume.delete', used),
      rejectsWith('azure-disk-attached', /OperationNotAllowed/),
    );
    assert.ok(await h.refresh(used), 'still there');
    const before = await h.discover();
    const deleted = await h.run('compute.volume.delete', free);
    assert.equal(deleted.undo, undefined);
    const after = await h.discover();
    assert.deepEqual(changedIds(before, after), [key(free)]);
    assert.equal(await h.refresh(free), undefined);
  });

  it('deletes a VM: gone, and only it and what pointed at it changed', async () => {
    const vm = [...estate.values()].filter((r) => r.type === 'compute.instance').at(-1)!;
    const before = await h.discover();
    await h.run('compute.instance.delete', vm);
    const after = await h.discover();
    assert.equal(await h.refresh(vm), undefined);
    assert.equal(after.has(key(vm)), false);
    const related = new Set([
      key(vm),
      ...vm.relationships.map((r) => r.targetId.toLowerCase()),
      ...[...before.values()]
        .filter((r) => r.relationships.some((rel) => rel.targetId.toLowerCase() === key(vm)))
        .map(key),
    ]);
    for (const id of changedIds(before, after))
      assert.ok(related.has(id), `${id} changed but is not the VM's`);
  });

  it('refuses ids that are not ARM ids and types the operation does not handle, before any call', async () => {
    const vm = find(estate, 'compute.instance', () => true, 'a VM');
    const disk = find(estate, 'compute.volume', () => true, 'a disk');
    const mark = await h.mark();
    for (const nativeId of [
      `${vm.nativeId}?api-version=1`,
      `${vm.nativeId}/../../../x`,
      vm.nativeId.replace('/subscriptions/', '/subscriptions/$(touch pwned)/'),
      `${vm.nativeId}%2F..`,
      'arn:aws:ec2:us-east-1:1:instance/i-1',
    ])
      await assert.rejects(
        h.run('compute.instance.stop', { ...vm, id: nativeId, nativeId }),
        (e: unknown) => e instanceof UserError && e.code === 'azure-invalid-resource-id',
      );
    await assert.rejects(h.run('compute.instance.stop', disk), rejectsWith('azure-operation-unsupported'));
    await assert.rejects(
      h.run('compute.instance.stop', { ...vm, cloud: 'aws' }),
      rejectsWith('azure-wrong-cloud'),
    );
    assert.deepEqual(await h.callsSince(mark), [], 'nothing reached the cloud');
    const missing = { ...vm, id: `${vm.id}x`, nativeId: `${vm.nativeId}x` };
    await assert.rejects(
      h.run('compute.instance.start', missing),
      rejectsWith('azure-not-found', /ResourceNotFound/),
    );
  });
});
