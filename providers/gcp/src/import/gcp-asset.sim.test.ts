import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource, ResourceType } from '@escher/protocol';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { gcpProvider } from '../gcp-provider.ts';
import { exportProject, type ExportedAsset } from './asset-export.testing.ts';
import { GcpAssetImporter } from './gcp-asset-importer.ts';

function run(records: unknown[]): { resources: Resource[]; ignored: string[]; importer: GcpAssetImporter } {
  const importer = new GcpAssetImporter();
  for (const r of records) importer.observe(r);
  const ignored: string[] = [];
  const resources = records.flatMap((r, i) => {
    const outcome = importer.normalise(r, `line ${i + 1}`);
    if ('ignored' in outcome) return (ignored.push(outcome.ignored), []);
    return outcome.resources;
  });
  return { resources, ignored, importer };
}

/**
 * What a search result without `--read-mask` cannot say, beyond the attributes it lacks: a Cloud
 * SQL instance's zone (its `location` is the region) and whether a RUNNABLE instance is being
 * stopped (the activation policy is not in the result).
 */
const NOT_IN_SEARCH_RESULT: Partial<Record<ResourceType, readonly string[]>> = {
  'database.instance': ['zone', 'state'],
};

const TYPES: ResourceType[] = [
  'compute.instance',
  'compute.volume',
  'compute.snapshot',
  'storage.bucket',
  'database.instance',
  'serverless.function',
  'container.cluster',
  'network.vpc',
  'network.subnet',
  'network.firewall',
  'network.loadbalancer',
  'network.ip',
  'iam.role',
  'security.key',
];

describe('Cloud Asset Inventory import against the simulator', () => {
  let sim: SimTarget;
  let synced: Resource[];
  let assets: ExportedAsset[];
  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', 'small']);
    synced = await discoverAll(
      gcpProvider.create({ kind: 'access-token', token: 'import' }, { endpoint: sim.gcp }),
    );
    const listed = (await (
      await fetch(`${sim.gcp}/v1/projects`, { headers: { authorization: 'Bearer x' } })
    ).json()) as {
      projects: { projectId: string; projectNumber: string }[];
    };
    assets = [];
    for (const p of listed.projects)
      assets.push(...(await exportProject(sim.gcp, { id: p.projectId, number: p.projectNumber })));
  });
  after(() => sim?.stop());

  describe('gcloud asset export, resource and iam-policy content in one NDJSON file', () => {
    let imported: Resource[];
    let ignored: string[];
    before(() => {
      // Policies first for some assets, after for others: the merge must not depend on order.
      const lines = assets.flatMap((a, i) =>
        a.policy ? (i % 2 ? [a.policy, a.line] : [a.line, a.policy]) : [a.line],
      );
      ({ resources: imported, ignored } = run(lines));
    });

    it('imports every resource a sync finds, the 1st gen functions once', () => {
      assert.deepEqual(imported.map((r) => r.id).sort(), synced.map((r) => r.id).sort());
      assert.ok(ignored.some((i) => i.startsWith('IAM policy')));
      assert.ok(ignored.some((i) => i.includes('1st gen')));
    });

    for (const type of TYPES)
      it(`normalises ${type} exactly as a sync does`, () => {
        const byId = new Map(imported.map((r) => [r.id, r]));
        const mine = synced.filter((r) => r.type === type);
        assert.ok(mine.length > 0, `the estate has no ${type}`);
        for (const want of mine) assert.deepEqual(byId.get(want.id), want, want.id);
      });
  });

  it('without iam-policy lines, says public is unknown rather than false', () => {
    const { resources, importer } = run(assets.map((a) => a.line));
    const buckets = resources.filter((r) => r.type === 'storage.bucket' || r.type === 'compute.snapshot');
    assert.ok(buckets.length > 0);
    for (const r of buckets) assert.equal(r.attributes['public'], undefined, r.id);
    assert.ok(importer.notes().some((n) => n.includes('iam-policy')));
  });

  describe('gcloud asset search-all-resources --format=json', () => {
    it("with --read-mask='*', normalises the versioned resource exactly as a sync does (public aside)", () => {
      const results = assets
        .filter((a) => a.search['name'])
        .map((a) => ({
          ...a.search,
          versionedResources: [
            { version: 'v1', resource: a.line['resource'] && (a.line['resource'] as { data: unknown }).data },
          ],
        }));
      const { resources } = run(results);
      const byId = new Map(resources.map((r) => [r.id, r]));
      for (const want of synced) {
        const got = byId.get(want.id);
        assert.ok(got, want.id);
        const expected = { ...want, attributes: { ...want.attributes } };
        if (want.type === 'storage.bucket' || want.type === 'compute.snapshot') {
          delete expected.attributes['public'];
          delete expected.attributes['publicMembers'];
        }
        assert.deepEqual(got, expected, want.id);
      }
    });

    it('without a read mask, summarises what the result carries and nothing more', () => {
      const { resources, importer } = run(assets.map((a) => a.search).filter((s) => s['name']));
      assert.deepEqual(resources.map((r) => r.id).sort(), synced.map((r) => r.id).sort());
      const byId = new Map(resources.map((r) => [r.id, r]));
      for (const want of synced) {
        const got = byId.get(want.id)!;
        const skip = NOT_IN_SEARCH_RESULT[want.type] ?? [];
        for (const field of [
          'cloud',
          'account',
          'region',
          'zone',
          'type',
          'nativeType',
          'name',
          'tags',
          'environment',
          'createdAt',
        ] as const)
          if (!skip.includes(field)) assert.deepEqual(got[field], want[field], `${want.id} ${field}`);
        // Where the result decides a state at all (a disk's in-use needs its users), it is the sync's.
        if (got.state !== undefined && !skip.includes('state'))
          assert.equal(got.state, want.state, `${want.id} state`);
        for (const [key, value] of Object.entries(got.attributes))
          assert.deepEqual(value, want.attributes[key], `${want.id} attributes.${key}`);
      }
      assert.ok(importer.notes().some((n) => n.includes('search-all-resources')));
    });
  });
});
