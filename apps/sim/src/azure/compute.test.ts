import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeManagementClient, type VirtualMachine } from '@azure/arm-compute';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import type { RunningSimulator } from '../server.ts';
import { azureSdk, groupOf } from '../testing/azure-sdk.ts';

const TRANSITION_MS = 5_000;

function powerOf(statuses: { code?: string }[] | undefined): string | undefined {
  return statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;
}

type RestErrorLike = { code?: string; statusCode?: number };
const hasCode =
  (code: string, status?: number) =>
  (e: RestErrorLike): boolean =>
    e.code === code && (status === undefined || e.statusCode === status);

describe('azure compute through @azure/arm-compute', () => {
  let sim: RunningSimulator;
  let compute: ComputeManagementClient;
  let subscription: string;
  let vms: VirtualMachine[];

  before(async () => {
    sim = await startTestSimulator({ transitionMs: TRANSITION_MS });
    const sdk = azureSdk(sim);
    subscription = sdk.subscriptions[0]!;
    compute = new ComputeManagementClient(sdk.credential, subscription, sdk.options);
    vms = [];
    for await (const vm of compute.virtualMachines.listAll()) vms.push(vm);
  });
  after(() => sim.close());

  async function runningVm(): Promise<VirtualMachine> {
    for (const vm of vms) {
      const view = await compute.virtualMachines.instanceView(groupOf(vm.id!), vm.name!);
      if (powerOf(view.statuses) === 'PowerState/running') return vm;
    }
    throw new RangeError('no running VM');
  }

  it('lists every VM of the subscription (listAll and per group) with hardware, OS, disks and NICs', async () => {
    assert.equal(vms.length, sim.estate().manifest.counts.azure![subscription]!['compute.instance']);
    const vm = vms[0]!;
    assert.match(vm.hardwareProfile?.vmSize ?? '', /^Standard_/);
    assert.ok(vm.storageProfile?.osDisk?.managedDisk?.id?.includes('/providers/Microsoft.Compute/disks/'));
    assert.ok((vm.networkProfile?.networkInterfaces?.length ?? 0) > 0);
    assert.ok(vm.osProfile?.computerName);
    const inGroup = [];
    for await (const v of compute.virtualMachines.list(groupOf(vm.id!))) inGroup.push(v.id);
    assert.ok(inGroup.includes(vm.id));
  });

  it('gets a VM with $expand=instanceView and its instance view', async () => {
    const vm = vms[0]!;
    const got = await compute.virtualMachines.get(groupOf(vm.id!), vm.name!, { expand: 'instanceView' });
    assert.match(powerOf(got.instanceView?.statuses) ?? '', /^PowerState\/(running|deallocated|stopped)$/);
    const view = await compute.virtualMachines.instanceView(groupOf(vm.id!).toUpperCase(), vm.name!);
    assert.equal(powerOf(view.statuses), powerOf(got.instanceView?.statuses));
  });

  it('deallocates through the LRO poller: deallocating until the clock passes, then deallocated; then starts again', async () => {
    const vm = await runningVm();
    const rg = groupOf(vm.id!);
    const poller = compute.virtualMachines.deallocate(rg, vm.name!);
    await poller.submitted();
    await poller.poll();
    assert.equal(poller.isDone, false);
    assert.equal(
      powerOf((await compute.virtualMachines.instanceView(rg, vm.name!)).statuses),
      'PowerState/deallocating',
    );
    sim.clock.advance(TRANSITION_MS);
    await poller.pollUntilDone();
    assert.equal(
      powerOf((await compute.virtualMachines.instanceView(rg, vm.name!)).statuses),
      'PowerState/deallocated',
    );

    // powerOff is refused on a deallocated VM, as Compute does.
    await assert.rejects(
      compute.virtualMachines.beginPowerOffAndWait(rg, vm.name!),
      hasCode('OperationNotAllowed', 409),
    );
    await assert.rejects(
      compute.virtualMachines.beginRestartAndWait(rg, vm.name!),
      hasCode('OperationNotAllowed', 409),
    );

    const start = await compute.virtualMachines.beginStart(rg, vm.name!);
    sim.clock.advance(TRANSITION_MS);
    await start.pollUntilDone();
    assert.equal(
      powerOf((await compute.virtualMachines.instanceView(rg, vm.name!)).statuses),
      'PowerState/running',
    );
  });

  it('powers off and restarts', async () => {
    const vm = await runningVm();
    const rg = groupOf(vm.id!);
    const restart = await compute.virtualMachines.beginRestart(rg, vm.name!);
    sim.clock.advance(TRANSITION_MS);
    await restart.pollUntilDone();
    assert.equal(
      powerOf((await compute.virtualMachines.instanceView(rg, vm.name!)).statuses),
      'PowerState/running',
    );
    const off = await compute.virtualMachines.beginPowerOff(rg, vm.name!);
    sim.clock.advance(TRANSITION_MS);
    await off.pollUntilDone();
    assert.equal(
      powerOf((await compute.virtualMachines.instanceView(rg, vm.name!)).statuses),
      'PowerState/stopped',
    );
  });

  it('resizes and retags with update (PATCH), and refuses an unknown size', async () => {
    const vm = vms[1]!;
    const rg = groupOf(vm.id!);
    const target = vm.hardwareProfile?.vmSize === 'Standard_D4s_v5' ? 'Standard_D8s_v5' : 'Standard_D4s_v5';
    const poller = compute.virtualMachines.update(rg, vm.name!, {
      hardwareProfile: { vmSize: target },
      tags: { env: 'prod', owner: 'sre@example.com' },
    });
    await poller.submitted();
    assert.equal((await compute.virtualMachines.get(rg, vm.name!)).provisioningState, 'Updating');
    sim.clock.advance(TRANSITION_MS);
    const updated = await poller.pollUntilDone();
    assert.equal(updated.hardwareProfile?.vmSize, target);
    const got = await compute.virtualMachines.get(rg, vm.name!);
    assert.equal(got.hardwareProfile?.vmSize, target);
    assert.deepEqual(got.tags, { env: 'prod', owner: 'sre@example.com' });
    assert.equal(got.provisioningState, 'Succeeded');
    await assert.rejects(
      compute.virtualMachines.beginUpdateAndWait(rg, vm.name!, {
        hardwareProfile: { vmSize: 'Standard_Imaginary_v9' },
      }),
      hasCode('InvalidParameter', 400),
    );
  });

  it('deletes a VM: gone after the operation, its disks left unattached', async () => {
    const vm = vms[2]!;
    const rg = groupOf(vm.id!);
    const poller = await compute.virtualMachines.beginDelete(rg, vm.name!);
    const during = await compute.virtualMachines.get(rg, vm.name!);
    assert.equal(during.provisioningState, 'Deleting');
    sim.clock.advance(TRANSITION_MS);
    await poller.pollUntilDone();
    await assert.rejects(compute.virtualMachines.get(rg, vm.name!), hasCode('ResourceNotFound', 404));
    const osDisk = await compute.disks.get(
      groupOf(vm.storageProfile!.osDisk!.managedDisk!.id!),
      vm.storageProfile!.osDisk!.managedDisk!.id!.split('/').pop()!,
    );
    assert.equal(osDisk.diskState, 'Unattached');
    assert.equal(osDisk.managedBy, undefined);
  });

  it('answers missing things with ARM error codes', async () => {
    const rg = groupOf(vms[0]!.id!);
    await assert.rejects(compute.virtualMachines.get(rg, 'no-such-vm'), hasCode('ResourceNotFound', 404));
    await assert.rejects(
      compute.virtualMachines.get('no-such-group', 'vm'),
      hasCode('ResourceGroupNotFound', 404),
    );
    await assert.rejects(compute.disks.get(rg, 'no-such-disk'), hasCode('ResourceNotFound', 404));
  });

  it('lists managed disks (some unattached) and snapshots (source disk, age)', async () => {
    const disks = [];
    for await (const d of compute.disks.list()) disks.push(d);
    assert.equal(disks.length, sim.estate().manifest.counts.azure![subscription]!['compute.volume']);
    assert.ok(disks.some((d) => d.diskState === 'Unattached'));
    assert.ok(disks.every((d) => d.encryption?.type?.startsWith('EncryptionAtRest')));
    const snapshots = [];
    for await (const s of compute.snapshots.list()) snapshots.push(s);
    assert.equal(snapshots.length, sim.estate().manifest.counts.azure![subscription]!['compute.snapshot']);
    const snap = snapshots[0]!;
    assert.ok(snap.creationData?.sourceResourceId?.includes('/disks/'));
    assert.ok(snap.timeCreated instanceof Date);
    const got = await compute.snapshots.get(groupOf(snap.id!), snap.name!);
    assert.equal(got.id, snap.id);
  });
});
