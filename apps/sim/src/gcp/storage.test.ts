import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Storage } from '@google-cloud/storage';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

describe('GCP Cloud Storage through @google-cloud/storage', () => {
  let sim: RunningSimulator;
  let storage: Storage;
  let project: string;
  let counts: Record<string, number>;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
    ({ project, counts } = firstProject(sim));
    storage = new Storage({
      apiEndpoint: sim.endpoints.gcp,
      projectId: project,
      authClient: gcpClientOptions(sim).authClient as never,
    });
  });
  after(() => sim.close());

  it('lists every bucket of the project', async () => {
    const [buckets] = await storage.getBuckets();
    assert.equal(buckets.length, counts['storage.bucket']);
    const names = new Set(buckets.map((b) => b.name));
    assert.equal(names.size, buckets.length);
  });

  it('public buckets grant allUsers; no-versioning buckets have versioning off', async () => {
    const manifest = sim.estate().manifest.misconfigurations;
    const publicIds = new Set(manifest['storage.bucket.public']?.resources ?? []);
    const unversioned = new Set(manifest['storage.bucket.no-versioning']?.resources ?? []);
    const [buckets] = await storage.getBuckets();
    for (const bucket of buckets) {
      const id = `//storage.googleapis.com/projects/_/buckets/${bucket.name}`;
      const [policy] = await bucket.iam.getPolicy();
      const isPublic = policy.bindings.some((b) => (b.members as string[]).includes('allUsers'));
      assert.equal(isPublic, publicIds.has(id), `${bucket.name} public`);
      const [meta] = await bucket.getMetadata();
      assert.equal(meta.versioning?.enabled === true, !unversioned.has(id), `${bucket.name} versioning`);
      assert.ok(meta.iamConfiguration?.publicAccessPrevention);
    }
  });

  it('patches labels and versioning, and the change sticks', async () => {
    const [buckets] = await storage.getBuckets();
    const bucket = buckets[0]!;
    await bucket.setMetadata({
      labels: { env: 'prod', 'cost-center': 'cc-42' },
      versioning: { enabled: true },
    });
    const [meta] = await storage.bucket(bucket.name).getMetadata();
    assert.equal(meta.labels?.['env'], 'prod');
    assert.equal(meta.versioning?.enabled, true);
    await storage.bucket(bucket.name).setMetadata({ labels: { env: null } });
    const [again] = await storage.bucket(bucket.name).getMetadata();
    assert.equal(again.labels?.['env'], undefined);
    assert.equal(again.labels?.['cost-center'], 'cc-42');
  });

  it('setIamPolicy replaces bindings; public access prevention refuses allUsers', async () => {
    const [buckets] = await storage.getBuckets();
    const bucket = buckets[1]!;
    await bucket.setMetadata({ iamConfiguration: { publicAccessPrevention: 'inherited' } });
    const [policy] = await bucket.iam.getPolicy();
    const bindings = [...policy.bindings, { role: 'roles/storage.objectViewer', members: ['allUsers'] }];
    await bucket.iam.setPolicy({ bindings, etag: policy.etag });
    // The etag moved on: writing with the old one is a precondition failure.
    await assert.rejects(
      bucket.iam.setPolicy({ bindings, etag: policy.etag }),
      (e: Error & { code?: number }) => e.code === 412,
    );
    const [after] = await bucket.iam.getPolicy();
    assert.ok(after.bindings.some((b) => (b.members as string[]).includes('allUsers')));
    await bucket.iam.setPolicy({ bindings: policy.bindings });
    await bucket.setMetadata({ iamConfiguration: { publicAccessPrevention: 'enforced' } });
    await assert.rejects(
      bucket.iam.setPolicy({ bindings }),
      (e: Error & { code?: number }) => e.code === 412 && /public access prevention/.test(e.message),
    );
  });

  it('lists, downloads and uploads objects', async () => {
    const [buckets] = await storage.getBuckets();
    const bucket = buckets[2]!;
    await bucket
      .file('notes/hello.txt')
      .save('hello from escher', { resumable: false, contentType: 'text/plain' });
    await bucket.file('notes/resumable.txt').save('resumable upload body', { resumable: true });
    const [files] = await bucket.getFiles({ prefix: 'notes/' });
    assert.deepEqual(files.map((f) => f.name).sort(), ['notes/hello.txt', 'notes/resumable.txt']);
    const [content] = await bucket.file('notes/hello.txt').download();
    assert.equal(content.toString(), 'hello from escher');
    const [resumed] = await bucket.file('notes/resumable.txt').download();
    assert.equal(resumed.toString(), 'resumable upload body');
    const [meta] = await bucket.file('notes/hello.txt').getMetadata();
    assert.equal(meta.size, '17');
    await bucket.file('notes/hello.txt').delete();
    const [exists] = await bucket.file('notes/hello.txt').exists();
    assert.equal(exists, false);
  });

  it('answers a missing bucket with 404 notFound', async () => {
    await assert.rejects(
      storage.bucket('no-such-bucket-escher').getMetadata(),
      (e: Error & { code?: number }) => e.code === 404 && /does not exist/.test(e.message),
    );
  });
});
