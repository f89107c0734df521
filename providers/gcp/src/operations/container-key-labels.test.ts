import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EscherError, type Resource, type ResourceType } from '@escher/protocol';
import { GCP_SERVICES } from '../services.ts';
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

describe('GCP GKE, KMS and label operations, and refresh, against escher-sim', () => {
  let h: OpsHarness;

  before(async () => {
    h = await startOpsHarness();
  });
  after(() => h?.stop());

  it('refresh re-reads one resource of every type exactly as discovery normalises it; gone is undefined', async () => {
    for (const type of GCP_SERVICES.flatMap((s) => s.types)) {
      const [one] = await h.discover(type);
      if (!one) continue;
      assert.deepEqual(stable(await h.refresh(one)), stable(one), type);
      const gone = { ...one, nativeId: one.nativeId.replace(/[^/]+$/, 'escher-gone-1') };
      assert.equal(await h.refresh(gone), undefined, `${type} gone`);
    }
  });

  it('cluster scale: a node pool to 0 and back (undo); Autopilot is refused', async () => {
    const clusters = await h.discover('container.cluster');
    const standard = clusters.find((c) => c.attributes['autopilot'] === false)!;
    const autopilot = clusters.find((c) => c.attributes['autopilot'] === true);
    let params: Record<string, unknown> = { nodeCount: 0 };
    if (standard.attributes['nodePools'] !== 1) {
      // Several pools: the operation names them rather than guessing which one to scale.
      const refused = await h.run('container.cluster.scale', standard, params, true).catch((e: unknown) => e);
      assert.ok(isUserError('gcp-node-pool-unknown')(refused));
      const pool = /one of: ([^,]+)/.exec((refused as EscherError).hint ?? '')![1]!;
      params = { nodeCount: 0, nodePool: pool };
    }
    await dryRunChangesNothing(h, 'container.cluster.scale', standard, params);
    const { outcome, after } = await runChangingOnly(h, 'container.cluster.scale', standard, params);
    assert.ok((after?.attributes['nodeCount'] as number) < (standard.attributes['nodeCount'] as number));
    assert.equal(outcome.undo?.operation, 'container.cluster.scale');
    await undo(h, standard, outcome);
    assert.deepEqual(stable(await h.refresh(standard)), stable(standard));
    if (autopilot) {
      await assert.rejects(
        h.run('container.cluster.scale', autopilot, { nodeCount: 1 }, true),
        isUserError('gcp-wrong-state'),
      );
      await assert.rejects(
        h.run('container.cluster.scale', autopilot, { nodeCount: 1 }),
        isUserError('gcp-request-invalid', /Autopilot/),
      );
    }
    await assert.rejects(
      h.run('container.cluster.scale', standard, { nodeCount: 1, nodePool: 'no-such-pool' }),
      isUserError('gcp-node-pool-unknown'),
    );
  });

  it('cluster restrict: master authorised networks on without 0.0.0.0/0; undo restores the endpoint', async () => {
    const clusters = await h.discover('container.cluster');
    const target = clusters.find((c) => c.attributes['endpointPublic'] === true)!;
    await dryRunChangesNothing(h, 'container.cluster.restrict', target, { allowCidrs: ['203.0.113.0/24'] });
    const { outcome, after } = await runChangingOnly(h, 'container.cluster.restrict', target, {
      allowCidrs: ['203.0.113.0/24'],
    });
    assert.equal(after?.attributes['endpointPublic'], false);
    assert.deepEqual(after?.attributes['authorizedNetworks'], ['203.0.113.0/24']);
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('key encrypt: automatic rotation every 90 days; undo turns it off again', async () => {
    const keys = await h.discover('security.key');
    const target = keys.find((k) => k.attributes['rotationEnabled'] === false) ?? keys[0]!;
    const before = target.attributes['rotationPeriodDays'] ?? 0;
    const days = before === 90 ? 30 : 90;
    await dryRunChangesNothing(h, 'security.key.encrypt', target, { rotationPeriodDays: days });
    const { outcome, after } = await runChangingOnly(h, 'security.key.encrypt', target, {
      rotationPeriodDays: days,
    });
    assert.equal(after?.attributes['rotationEnabled'], true);
    assert.equal(after?.attributes['rotationPeriodDays'], days);
    assert.deepEqual(outcome.undo, {
      operation: 'security.key.encrypt',
      params: { rotationPeriodDays: before },
    });
    await undo(h, target, outcome);
    assert.deepEqual(stable(await h.refresh(target)), stable(target));
  });

  it('tag / untag every labelled type through its own API; undo restores the labels exactly', async () => {
    const types: ResourceType[] = [
      'compute.instance',
      'compute.volume',
      'compute.snapshot',
      'network.ip',
      'storage.bucket',
      'database.instance',
      'container.cluster',
      'security.key',
      'serverless.function',
    ];
    const functions = await h.discover('serverless.function');
    const targets: Resource[] = [];
    for (const type of types) targets.push((await h.discover(type))[0]!);
    // Both function generations: 1st gen through the v1 API, 2nd gen through v2.
    targets.push(
      functions.find((f) => f.attributes['generation'] !== targets.at(-1)!.attributes['generation'])!,
    );
    for (const target of targets) {
      const key = Object.keys(target.tags)[0];
      const tags = { 'escher-owner': 'platform', ...(key ? { [key]: 'changed' } : {}) };
      await dryRunChangesNothing(h, 'resource.tag', target, { tags });
      const { outcome, after } = await runChangingOnly(h, 'resource.tag', target, { tags });
      for (const [k, v] of Object.entries(tags)) assert.equal(after?.tags[k], v, `${target.type} ${k}`);
      await undo(h, target, outcome);
      assert.deepEqual((await h.refresh(target))?.tags, target.tags, `${target.type} tag undone`);
      if (!key) continue;
      const untag = await h.run('resource.untag', target, { keys: [key] });
      assert.equal((await h.refresh(target))?.tags[key], undefined, `${target.type} untagged`);
      assert.deepEqual(untag.undo, {
        operation: 'resource.tag',
        params: { tags: { [key]: target.tags[key] } },
      });
      await undo(h, target, untag);
      assert.deepEqual((await h.refresh(target))?.tags, target.tags, `${target.type} untag undone`);
    }
  });

  it('labels Google would refuse are refused before any call; types without labels say so', async () => {
    const instance = (await h.discover('compute.instance'))[0]!;
    h.calls.length = 0;
    for (const value of ['Prod', '$(touch pwned)', '; rm -rf ~', '`id`', 'a\nb'])
      await assert.rejects(
        h.run('resource.tag', instance, { tags: { env: value } }, true),
        isUserError('gcp-label-invalid'),
        JSON.stringify(value),
      );
    await assert.rejects(
      h.run('resource.tag', instance, { tags: { 'Bad Key': 'x' } }),
      isUserError('gcp-label-invalid'),
    );
    // Each attempt read the labels once; nothing was written.
    assert.ok(h.calls.every((c) => c.operation === 'instances.get'));
    // An option-looking value is plain data to Google: stored verbatim, never interpreted.
    const flag = await h.run('resource.tag', instance, { tags: { env: '--force' } });
    assert.equal((await h.refresh(instance))?.tags['env'], '--force');
    await undo(h, instance, flag);
    assert.deepEqual((await h.refresh(instance))?.tags, instance.tags);
    const firewall = (await h.discover('network.firewall'))[0]!;
    await assert.rejects(
      h.run('resource.tag', firewall, { tags: { a: 'b' } }),
      isUserError('gcp-labels-unsupported'),
    );
  });
});
