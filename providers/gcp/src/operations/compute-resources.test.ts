import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, type Resource } from '@escher/protocol';
import {
  dryRunChangesNothing,
  runChangingOnly,
  stable,
  startOpsHarness,
  undo,
  type OpsHarness,
} from './testing/ops-harness.ts';

const isUserError = (code: string, message?: RegExp) => (e: unknown) =>
  e instanceof EscherError && e.kind === 'user' && e.code === code && (!message || message.test(e.message));

describe('GCP disk, snapshot, firewall and address operations against escher-sim', () => {
  let h: OpsHarness;

  before(async () => {
    h = await startOpsHarness();
  });
  after(() => h?.stop());

  it('volume snapshot: dry run makes none; the snapshot is READY, of that disk, discovered', async () => {
    const disk = (await h.discover('compute.volume'))[0]!;
    const before = await h.discover('compute.snapshot');
    await dryRunChangesNothing(h, 'compute.volume.snapshot', disk);
    const outcome = await h.run('compute.volume.snapshot', disk);
    assert.equal(outcome.created?.length, 1);
    const after = await h.discover('compute.snapshot');
    assert.equal(after.length, before.length + 1);
    const made = after.find((s) => s.id === outcome.created![0])!;
    assert.equal(made.attributes['sourceDisk'], disk.id);
    assert.equal(made.state, 'available');
  });

  it('volume delete: refused while attached (dry run and Google), deletes a free disk only', async () => {
    const disks = await h.discover('compute.volume');
    const attached = disks.find((d) => d.attributes['attached'] === true)!;
    await assert.rejects(
      h.run('compute.volume.delete', attached, {}, true),
      isUserError('gcp-wrong-state', /uses it/),
    );
    await assert.rejects(
      h.run('compute.volume.delete', attached),
      isUserError('gcp-request-invalid', /\[400 resourceInUseByAnotherResource\]/),
    );
    const free = disks.find((d) => d.attributes['attached'] === false)!;
    await dryRunChangesNothing(h, 'compute.volume.delete', free);
    await runChangingOnly(h, 'compute.volume.delete', free);
    assert.equal(await h.refresh(free), undefined);
  });

  it('snapshot restrict: removes public grants only, keeps the rest; undo puts the exact grants back', async () => {
    const snapshots = await h.discover('compute.snapshot');
    const shared = snapshots.find((s) => s.attributes['public'] === true);
    const target = shared ?? snapshots[0]!;
    if (!shared) {
      // No public snapshot in this estate: make one through the undo path (restore).
      await h.run('compute.snapshot.restrict', target, {
        restore: [{ role: 'roles/compute.storageAdmin', members: ['allAuthenticatedUsers'] }],
      });
    }
    const before = (await h.refresh(target))!;
    assert.equal(before.attributes['public'], true);
    await dryRunChangesNothing(h, 'compute.snapshot.restrict', before);
    const { outcome, after } = await runChangingOnly(h, 'compute.snapshot.restrict', before);
    assert.equal(after?.attributes['public'], false);
    assert.deepEqual(outcome.undo?.params, {
      restore: [{ role: 'roles/compute.storageAdmin', members: before.attributes['publicMembers'] }],
    });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(before));
    const again = await h.run('compute.snapshot.restrict', (await h.refresh(target))!);
    assert.equal(again.status, 'succeeded');
    assert.match((await h.run('compute.snapshot.restrict', target)).message, /is not public/);
  });

  it('snapshot delete: gone from refresh and discovery; a second delete is 404', async () => {
    const target = (await h.discover('compute.snapshot')).at(-1)!;
    await dryRunChangesNothing(h, 'compute.snapshot.delete', target);
    const outcome = await runChangingOnly(h, 'compute.snapshot.delete', target);
    assert.equal(outcome.outcome.undo, undefined);
    assert.equal(outcome.after, undefined);
    await assert.rejects(
      h.run('compute.snapshot.delete', target),
      isUserError('gcp-not-found', /\[404 notFound\]/),
    );
  });

  it('firewall restrict: drops world ranges or disables the rule; undo restores the exact rule', async () => {
    const rules = await h.discover('network.firewall');
    const open = (r: Resource) =>
      r.attributes['enabled'] === true &&
      r.attributes['direction'] === 'ingress' &&
      ((r.attributes['sourceRanges'] as string[] | undefined) ?? []).includes('0.0.0.0/0');
    const target = rules.find(open)!;
    const ranges = target.attributes['sourceRanges'] as string[];
    const dry = await dryRunChangesNothing(h, 'network.firewall.restrict', target);
    assert.match(dry.message, ranges.length > 1 ? /remove 0\.0\.0\.0\/0/ : /disable the rule/);
    const { outcome, after } = await runChangingOnly(h, 'network.firewall.restrict', target);
    assert.equal(open(after!), false);
    assert.deepEqual(outcome.undo, {
      operation: 'network.firewall.restrict',
      params: { restore: { disabled: false, sourceRanges: ranges } },
    });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
    // Forced modes: disable always works; removing the only range is refused before any call.
    const single = rules.find((r) => open(r) && (r.attributes['sourceRanges'] as string[]).length === 1);
    if (single)
      await assert.rejects(
        h.run('network.firewall.restrict', single, { mode: 'remove-world-ranges' }),
        isUserError('gcp-firewall-no-sources-left'),
      );
    const disabled = await h.run('network.firewall.restrict', target, { mode: 'disable' });
    assert.equal((await h.refresh(target))?.attributes['enabled'], false);
    await undo(h, target, disabled);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
    const notOpen = rules.find((r) => !open(r))!;
    assert.match((await h.run('network.firewall.restrict', notOpen)).message, /not open to the internet/);
  });

  it('ip delete: refused while in use; releases a reserved address; no undo', async () => {
    const addresses = await h.discover('network.ip');
    const used = addresses.find((a) => a.attributes['attached'] === true)!;
    await assert.rejects(h.run('network.ip.delete', used, {}, true), isUserError('gcp-wrong-state'));
    await assert.rejects(
      h.run('network.ip.delete', used),
      isUserError('gcp-request-invalid', /resourceInUseByAnotherResource/),
    );
    const free = addresses.find((a) => a.attributes['attached'] === false)!;
    await dryRunChangesNothing(h, 'network.ip.delete', free);
    const { outcome, after } = await runChangingOnly(h, 'network.ip.delete', free);
    assert.equal(after, undefined);
    assert.equal(outcome.undo, undefined);
  });
});
