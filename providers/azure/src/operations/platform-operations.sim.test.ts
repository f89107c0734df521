import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EscherError, Resource } from '@escher/protocol';
import type { IngressRule } from '../normalise/nsg-rules.ts';
import {
  changedIds,
  find,
  key,
  rejectsWith,
  startOpsHarness,
  type OpsHarness,
} from './operations.testing.ts';

describe('Azure storage, database, network, AKS and tag operations against the simulator', () => {
  let h: OpsHarness;
  let estate: Map<string, Resource>;

  before(async () => {
    h = await startOpsHarness(['--seed', '42', '--size', '1000'], 0);
    estate = await h.discover();
  });
  after(() => h?.stop());

  /** Runs an operation that changes only its target: checks that, then that refresh and discovery agree. */
  async function changesOnly(target: Resource, run: () => Promise<unknown>): Promise<Resource> {
    const before = await h.discover();
    await run();
    const after = await h.discover();
    assert.deepEqual(changedIds(before, after), [key(target)], 'only the target changed');
    const now = await h.refresh(target);
    assert.deepEqual(now, after.get(key(target)), 'refresh and discovery agree');
    return now!;
  }

  it('restricts a public storage account, turns on encryption and versioning; dry runs change nothing', async () => {
    const planted = (check: string): Resource => {
      const id = h.sim.manifest.misconfigurations[check as 'storage.bucket.public']?.resources.find((r) =>
        r.startsWith('/subscriptions/'),
      );
      assert.ok(id, check);
      return estate.get(id.toLowerCase())!;
    };
    const open = planted('storage.bucket.public');
    const mark = await h.mark();
    assert.equal((await h.run('storage.bucket.restrict', open, {}, true)).status, 'dry-run-ok');
    assert.equal((await h.run('storage.bucket.backup', open, {}, true)).status, 'dry-run-ok');
    assert.deepEqual(
      (await h.callsSince(mark)).filter((c) => c.mutating),
      [],
    );
    let restricted: Awaited<ReturnType<OpsHarness['run']>> | undefined;
    const closed = await changesOnly(
      open,
      async () => (restricted = await h.run('storage.bucket.restrict', open)),
    );
    assert.equal(closed.attributes['public'], false);
    assert.deepEqual(restricted!.undo, {
      operation: 'storage.bucket.restrict',
      params: { restore: { allowBlobPublicAccess: true } },
    });
    await h.undo(restricted!, open);
    assert.deepEqual(await h.refresh(open), open, 'the undo reopens it exactly');

    const plain = planted('storage.bucket.unencrypted');
    const encrypted = await changesOnly(plain, () => h.run('storage.bucket.encrypt', plain));
    assert.equal(encrypted.attributes['encrypted'], true);
    assert.equal(
      (await h.run('storage.bucket.encrypt', plain)).undo,
      undefined,
      'encryption cannot be undone',
    );

    const unversioned = planted('storage.bucket.no-versioning');
    let backup: Awaited<ReturnType<OpsHarness['run']>> | undefined;
    const versioned = await changesOnly(
      unversioned,
      async () => (backup = await h.run('storage.bucket.backup', unversioned)),
    );
    assert.equal(versioned.attributes['versioning'], true);
    await h.undo(backup!, unversioned);
    assert.equal((await h.refresh(unversioned))?.attributes['versioning'], false);
  });

  it('starts, restricts, resizes, restarts and stops a public MySQL server, each undone where it can be', async () => {
    const id = h.sim.manifest.misconfigurations['database.instance.public']!.resources.find((r) =>
      r.startsWith('/subscriptions/'),
    )!;
    let db = estate.get(id.toLowerCase())!;
    assert.equal(db.attributes['public'], true);
    if (db.state === 'stopped') {
      await assert.rejects(
        h.run('database.instance.restrict', db),
        rejectsWith('azure-request-failed', /ServerIsNotReady/),
      );
      await assert.rejects(
        h.run('database.instance.stop', db, {}, true),
        rejectsWith('azure-wrong-state', /ServerIsNotReady/),
      );
      await assert.rejects(
        h.run('database.instance.stop', db),
        rejectsWith('azure-request-failed', /ServerIsNotReady/),
      );
      const started = await h.run('database.instance.start', db);
      assert.deepEqual(started.undo, { operation: 'database.instance.stop', params: {} });
      db = (await h.refresh(db))!;
    }
    assert.equal(db.state, 'running');
    await assert.rejects(
      h.run('database.instance.start', db),
      rejectsWith('azure-request-failed', /ServerIsNotStopped/),
    );

    let restrict: Awaited<ReturnType<OpsHarness['run']>> | undefined;
    const closed = await changesOnly(
      db,
      async () => (restrict = await h.run('database.instance.restrict', db)),
    );
    assert.equal(closed.attributes['public'], false);
    assert.equal(closed.attributes['subnetId'], undefined, 'private endpoints only');
    await h.undo(restrict!, db);
    assert.deepEqual(await h.refresh(db), db, 'the undo reopens it exactly');

    const resized = await h.run('database.instance.resize', db, { size: 'Standard_D4ds_v4' });
    assert.equal((await h.refresh(db))?.attributes['size'], 'Standard_D4ds_v4');
    await h.undo(resized, db);
    assert.deepEqual(await h.refresh(db), db);

    assert.equal((await h.run('database.instance.restart', db)).undo, undefined);
    const stopped = await h.run('database.instance.stop', db);
    assert.equal((await h.refresh(db))?.state, 'stopped');
    await h.undo(stopped, db);
    assert.equal((await h.refresh(db))?.state, 'running');
  });

  it('stops and starts a PostgreSQL server; refuses a target that is not a flexible server', async () => {
    const pg = find(
      estate,
      'database.instance',
      (r) => r.attributes['engine'] === 'postgres' && r.state === 'running',
      'a running PostgreSQL server',
    );
    const stop = await changesOnly(pg, () => h.run('database.instance.stop', pg));
    assert.equal(stop.state, 'stopped');
    await h.run('database.instance.start', pg);
    assert.deepEqual(await h.refresh(pg), pg);
    // A VNet-integrated server cannot be opened: the undo of a restrict there would be refused.
    if (pg.attributes['subnetId'])
      await assert.rejects(
        h.run('database.instance.restrict', pg, { restore: { publicNetworkAccess: 'Enabled' } }),
        rejectsWith('azure-request-failed', /PublicNetworkAccessNotAllowed/),
      );
    const vm = find(estate, 'compute.instance', () => true, 'a VM');
    await assert.rejects(h.run('database.instance.stop', vm), rejectsWith('azure-operation-unsupported'));
  });

  it('deletes an NSG’s world-open inbound rules and puts the same rules back on undo', async () => {
    const nsg = find(
      estate,
      'network.firewall',
      (r) => r.attributes['openSsh'] === true,
      'an NSG open to SSH',
    );
    const worldRules = (nsg.attributes['ingressRules'] as IngressRule[]).filter(
      (r) => r.fromWorld && r.action === 'allow',
    );
    const dry = await h.run('network.firewall.restrict', nsg, {}, true);
    assert.match(dry.message, new RegExp(worldRules[0]!.name));
    let restrict: Awaited<ReturnType<OpsHarness['run']>> | undefined;
    const closed = await changesOnly(
      nsg,
      async () => (restrict = await h.run('network.firewall.restrict', nsg)),
    );
    assert.equal(closed.attributes['openSsh'], false);
    assert.equal(closed.attributes['openAll'], false);
    const left = closed.attributes['ingressRules'] as IngressRule[];
    assert.ok(
      left.every((r) => !r.fromWorld || r.action === 'deny'),
      'no world-open allow rule left',
    );
    assert.equal(left.length, (nsg.attributes['ingressRules'] as IngressRule[]).length - worldRules.length);
    const restore = restrict!.undo!.params['restore'] as { name: string }[];
    assert.deepEqual(restore.map((r) => r.name).sort(), worldRules.map((r) => r.name).sort());
    const undone = await h.undo(restrict!, nsg);
    // ARM lists rules in the order they were made, so the recreated ones come last: compare as sets.
    const byPriority = (r: Resource | undefined): unknown => ({
      ...r,
      attributes: {
        ...r?.attributes,
        ingressRules: [...((r?.attributes['ingressRules'] as IngressRule[]) ?? [])].sort(
          (a, b) => a.priority - b.priority,
        ),
      },
    });
    assert.deepEqual(
      byPriority(await h.refresh(nsg)),
      byPriority(nsg),
      'the undo recreates exactly the removed rules',
    );
    assert.deepEqual(undone.undo?.params, { rules: restore.map((r) => r.name) });
    const nothing = await h.run('network.firewall.restrict', nsg, { rules: ['NoSuchRule'] });
    assert.equal(nothing.undo, undefined, nothing.message);
    assert.match(nothing.message, /no inbound rule open to the Internet/);
  });

  it('releases an unassociated public IP; an associated one is refused, saying what holds it', async () => {
    const used = find(
      estate,
      'network.ip',
      (r) => r.attributes['associated'] === true,
      'an associated public IP',
    );
    await assert.rejects(
      h.run('network.ip.delete', used, {}, true),
      rejectsWith('azure-ip-associated', /associated with/),
    );
    await assert.rejects(
      h.run('network.ip.delete', used),
      (e: unknown) =>
        rejectsWith('azure-ip-associated', /PublicIPAddressCannotBeDeleted/)(e) &&
        /Disassociate/.test((e as EscherError).hint ?? ''),
    );
    const free = find(
      estate,
      'network.ip',
      (r) => r.attributes['associated'] === false,
      'an unassociated public IP',
    );
    const before = await h.discover();
    const released = await h.run('network.ip.delete', free);
    assert.equal(released.undo, undefined);
    assert.deepEqual(changedIds(before, await h.discover()), [key(free)]);
    assert.equal(await h.refresh(free), undefined);
  });

  it('narrows a public AKS API server to authorized ranges, stops and starts the cluster', async () => {
    const id = h.sim.manifest.misconfigurations['container.cluster.public-endpoint']!.resources.find((r) =>
      r.startsWith('/subscriptions/'),
    )!;
    let cluster = estate.get(id.toLowerCase())!;
    if (cluster.state === 'stopped') {
      await assert.rejects(
        h.run('container.cluster.stop', cluster),
        rejectsWith('azure-request-failed', /OperationNotAllowed/),
      );
      await h.run('container.cluster.start', cluster);
      cluster = (await h.refresh(cluster))!;
    }
    await assert.rejects(
      h.run('container.cluster.restrict', cluster),
      rejectsWith('azure-invalid-params', /allowCidrs/),
    );
    await assert.rejects(
      h.run('container.cluster.restrict', cluster, { allowCidrs: ['0.0.0.0/0; rm -rf ~'] }),
      rejectsWith('azure-invalid-params'),
    );
    let restrict: Awaited<ReturnType<OpsHarness['run']>> | undefined;
    const narrowed = await changesOnly(
      cluster,
      async () =>
        (restrict = await h.run('container.cluster.restrict', cluster, {
          allowCidrs: ['203.0.113.0/24'],
        })),
    );
    assert.equal(narrowed.attributes['endpointPublic'], false);
    assert.deepEqual(narrowed.attributes['authorizedIpRanges'], ['203.0.113.0/24']);
    await h.undo(restrict!, cluster);
    assert.deepEqual(await h.refresh(cluster), cluster, 'the undo reopens it exactly');

    await assert.rejects(
      h.run('container.cluster.start', cluster, {}, true),
      rejectsWith('azure-wrong-state', /OperationNotAllowed/),
    );
    const stop = await changesOnly(cluster, () => h.run('container.cluster.stop', cluster));
    assert.equal(stop.state, 'stopped');
    await h.run('container.cluster.start', cluster);
    assert.deepEqual(await h.refresh(cluster), cluster);
  });

  it('tags and untags any resource through tags at scope; undo puts back exactly the old tags', async () => {
    for (const type of [
      'compute.instance',
      'storage.bucket',
      'database.instance',
      'network.firewall',
    ] as const) {
      const r = (await h.refresh(
        find(estate, type, (x) => Object.keys(x.tags).length > 0, `a tagged ${type}`),
      ))!;
      const [oldKey, oldValue] = Object.entries(r.tags)[0]!;
      const hostile = '$(touch pwned); rm -rf ~ `id`\n--force';
      let tag: Awaited<ReturnType<OpsHarness['run']>> | undefined;
      const tagged = await changesOnly(
        r,
        async () =>
          (tag = await h.run('resource.tag', r, {
            tags: { [oldKey]: `${oldValue}-x`, 'escher-note': hostile },
          })),
      );
      assert.deepEqual(
        tagged.tags,
        { ...r.tags, [oldKey]: `${oldValue}-x`, 'escher-note': hostile },
        'stored verbatim',
      );
      assert.deepEqual(tag!.undo, {
        operation: 'resource.tag',
        params: { tags: { [oldKey]: oldValue }, remove: ['escher-note'] },
      });
      await h.undo(tag!, r);
      assert.deepEqual(await h.refresh(r), r, `${type}: the undo restores the tags exactly`);

      const untag = await h.run('resource.untag', r, { keys: [oldKey, 'not-there'] });
      assert.deepEqual(
        (await h.refresh(r))?.tags,
        Object.fromEntries(Object.entries(r.tags).filter(([k]) => k !== oldKey)),
      );
      assert.deepEqual(untag.undo, { operation: 'resource.tag', params: { tags: { [oldKey]: oldValue } } });
      await h.undo(untag, r);
      assert.deepEqual(await h.refresh(r), r);
    }
    const r = (await h.refresh(find(estate, 'compute.instance', () => true, 'a VM')))!;
    const added = await h.run('resource.tag', r, { tags: { 'escher-new': '1' } });
    assert.deepEqual(added.undo, { operation: 'resource.untag', params: { keys: ['escher-new'] } });
    await h.undo(added, r);
    assert.deepEqual(await h.refresh(r), r);
    const mark = await h.mark();
    assert.equal((await h.run('resource.tag', r, { tags: { a: 'b' } }, true)).status, 'dry-run-ok');
    assert.deepEqual(
      (await h.callsSince(mark)).filter((c) => c.mutating),
      [],
    );
    await assert.rejects(
      h.run('resource.tag', r, { tags: { 'a/b': 'c' } }),
      rejectsWith('azure-invalid-params'),
    );
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await assert.rejects(h.run('resource.tag', r, { tags: many }), rejectsWith('azure-too-many-tags'));
  });
});
