import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sqladmin } from '@googleapis/sqladmin';
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

describe('GCP Cloud Storage and Cloud SQL operations against escher-sim', () => {
  let h: OpsHarness;
  let buckets: Resource[];
  let databases: Resource[];
  const runningDb = async () => (await h.discover('database.instance')).find((d) => d.state === 'running')!;

  before(async () => {
    h = await startOpsHarness();
    buckets = await h.discover('storage.bucket');
    databases = await h.discover('database.instance');
  });
  after(() => h?.stop());

  it('bucket restrict: removes public grants and enforces prevention; undo restores both exactly', async () => {
    let target = buckets.find((b) => b.attributes['public'] === true);
    if (!target) {
      target = buckets.find((b) => b.attributes['publicAccessPrevention'] !== 'enforced')!;
      await h.run('storage.bucket.restrict', target, {
        restore: {
          publicAccessPrevention: 'inherited',
          grants: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }],
        },
      });
      target = (await h.refresh(target))!;
    }
    assert.equal(target.attributes['public'], true);
    const dry = await dryRunChangesNothing(h, 'storage.bucket.restrict', target);
    assert.match(dry.message, /remove allUsers|remove allAuthenticatedUsers/);
    const { outcome, after } = await runChangingOnly(h, 'storage.bucket.restrict', target);
    assert.equal(after?.attributes['public'], false);
    assert.equal(after?.attributes['publicMembers'], undefined);
    assert.equal(after?.attributes['publicAccessPrevention'], 'enforced');
    const restore = (outcome.undo?.params as { restore: { publicAccessPrevention: string } }).restore;
    assert.equal(restore.publicAccessPrevention, target.attributes['publicAccessPrevention']);
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
    const again = await h.run('storage.bucket.restrict', target);
    assert.equal(
      (await h.run('storage.bucket.restrict', target)).message.includes('already restricted'),
      true,
    );
    await undo(h, target, again);
  });

  it('bucket backup: versioning on, undo turns it off again', async () => {
    const target = (await h.discover('storage.bucket')).find((b) => b.attributes['versioning'] === false)!;
    await dryRunChangesNothing(h, 'storage.bucket.backup', target);
    const { outcome, after } = await runChangingOnly(h, 'storage.bucket.backup', target);
    assert.equal(after?.attributes['versioning'], true);
    assert.deepEqual(outcome.undo, { operation: 'storage.bucket.backup', params: { enabled: false } });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('bucket encrypt: a customer-managed default key; an unknown key is refused; undo goes back', async () => {
    const target = (await h.discover('storage.bucket')).find(
      (b) => b.attributes['encryption'] === 'google-managed',
    )!;
    const key = (await h.discover('security.key')).find((k) => k.account === target.account)!;
    const kmsKeyName = key.nativeId.replace('//cloudkms.googleapis.com/', '');
    await dryRunChangesNothing(h, 'storage.bucket.encrypt', target, { key: kmsKeyName });
    const { outcome, after } = await runChangingOnly(h, 'storage.bucket.encrypt', target, {
      key: kmsKeyName,
    });
    assert.equal(after?.attributes['encryption'], 'customer-managed');
    assert.equal(after?.attributes['kmsKeyName'], key.id);
    assert.deepEqual(outcome.undo, { operation: 'storage.bucket.encrypt', params: {} });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
    await assert.rejects(
      h.run('storage.bucket.encrypt', target, { key: `${kmsKeyName}-missing` }),
      isUserError('gcp-request-invalid', /\[400 invalid\]/),
    );
    await assert.rejects(
      h.run('storage.bucket.encrypt', target, { key: 'not a key; rm -rf ~' }),
      isUserError('gcp-operation-params-invalid'),
    );
  });

  it('database stop / start: activation policy, exactly that instance; undo; stop of a stopped one is a no-op', async () => {
    const target = await runningDb();
    await dryRunChangesNothing(h, 'database.instance.stop', target);
    const { outcome, after } = await runChangingOnly(h, 'database.instance.stop', target);
    assert.equal(after?.state, 'stopped');
    assert.deepEqual(outcome.undo, { operation: 'database.instance.start', params: {} });
    assert.match((await h.run('database.instance.stop', after!)).message, /already set to NEVER/);
    await assert.rejects(
      h.run('database.instance.restart', after!, {}, true),
      isUserError('gcp-wrong-state'),
    );
    await assert.rejects(
      h.run('database.instance.restart', after!),
      isUserError('gcp-request-invalid', /not running/),
    );
    await assert.rejects(
      h.run('database.instance.snapshot', after!),
      isUserError('gcp-request-invalid', /not running/),
    );
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('database restart and on-demand backup (snapshot): the backup run is created and named', async () => {
    const target = await runningDb();
    assert.equal((await h.run('database.instance.restart', target)).status, 'succeeded');
    await dryRunChangesNothing(h, 'database.instance.snapshot', target);
    const outcome = await h.run('database.instance.snapshot', target, { description: 'before change' });
    assert.equal(outcome.created?.length, 1);
    assert.match(outcome.created![0]!, new RegExp(`^${target.id}/backupRuns/\\d+$`));
    const client = sqladmin({ version: 'v1', rootUrl: `${h.sim.gcp}/` });
    const runs =
      (await client.backupRuns.list({ project: target.account, instance: target.name })).data.items ?? [];
    assert.deepEqual(
      runs.map((r) => [r.type, r.description, r.status]),
      [['ON_DEMAND', 'before change', 'SUCCESSFUL']],
    );
  });

  it('database backup: automated backups on, undo off', async () => {
    const target = databases.find((d) => d.attributes['backupEnabled'] === false) ?? databases[0]!;
    const enable = target.attributes['backupEnabled'] !== true;
    const { outcome, after } = await runChangingOnly(h, 'database.instance.backup', target, {
      enabled: enable,
    });
    assert.equal(after?.attributes['backupEnabled'], enable);
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('database restrict: drops 0.0.0.0/0 from authorised networks; undo restores them exactly', async () => {
    let target = databases.find((d) => d.attributes['public'] === true);
    if (!target) {
      const base = databases.find((d) => d.attributes['publicIp'] !== undefined)!;
      await h.run('database.instance.restrict', base, {
        restore: { ipv4Enabled: true, authorizedNetworks: [{ value: '0.0.0.0/0', name: 'anywhere' }] },
      });
      target = (await h.refresh(base))!;
    }
    assert.equal(target.attributes['public'], true);
    await dryRunChangesNothing(h, 'database.instance.restrict', target);
    const { outcome, after } = await runChangingOnly(h, 'database.instance.restrict', target);
    assert.equal(after?.attributes['public'], false);
    assert.ok(
      !((after?.attributes['authorizedNetworks'] as string[] | undefined) ?? []).includes('0.0.0.0/0'),
    );
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('database resize: a new tier; a tier Cloud SQL does not offer is refused; undo restores', async () => {
    const target = await runningDb();
    const old = target.attributes['size'];
    const tier = old === 'db-custom-4-15360' ? 'db-custom-2-7680' : 'db-custom-4-15360';
    await dryRunChangesNothing(h, 'database.instance.resize', target, { size: tier });
    const { outcome, after } = await runChangingOnly(h, 'database.instance.resize', target, { size: tier });
    assert.equal(after?.attributes['size'], tier);
    assert.deepEqual(outcome.undo, { operation: 'database.instance.resize', params: { size: old } });
    await undo(h, target, outcome);
    assert.equal((await h.refresh(target))?.attributes['size'], old);
    await assert.rejects(
      h.run('database.instance.resize', target, { size: 'db-enormous' }),
      isUserError('gcp-request-invalid', /Invalid Tier/),
    );
  });

  it('a missing instance is a clear gcp-not-found with the cloud code', async () => {
    const ghost = {
      ...databases[0]!,
      id: 'x',
      nativeId: `//sqladmin.googleapis.com/projects/${databases[0]!.account}/instances/ghost`,
      name: 'ghost',
    };
    await assert.rejects(
      h.run('database.instance.stop', ghost),
      isUserError('gcp-not-found', /\[404 instanceDoesNotExist\]/),
    );
    assert.equal(await h.refresh(ghost), undefined);
  });
});
