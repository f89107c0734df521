import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import compute from '@google-cloud/compute';
import { Storage } from '@google-cloud/storage';
import { Rng } from '../core/rng.ts';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string }[];
    status: string;
  };
}

function assertGoogleError(body: unknown, code: number): GoogleErrorBody['error'] {
  const error = (body as GoogleErrorBody).error;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.equal(error.errors[0]!.domain, 'global');
  assert.equal(typeof error.errors[0]!.reason, 'string');
  assert.equal(typeof error.status, 'string');
  return error;
}

describe('GCP faults, error shapes and fuzzing', () => {
  let sim: RunningSimulator;
  let project: string;
  let opts: ReturnType<typeof gcpClientOptions>;

  before(async () => {
    sim = await startTestSimulator({ size: 'small' });
    opts = gcpClientOptions(sim);
    ({ project } = firstProject(sim));
  });
  after(() => sim.close());

  it('throttles Compute with a visible 429 RESOURCE_EXHAUSTED / rateLimitExceeded', async () => {
    sim.faults.set({ rateLimits: { enabled: true, scale: 0.001 } });
    try {
      const client = new compute.FirewallsClient(opts.gax);
      const since = sim.log.lastSeq;
      await client.list({ project });
      const error = await client.list({ project }).then(
        () => undefined,
        (e: Error & { code?: number }) => e,
      );
      assert.ok(error, 'the second call is throttled');
      assert.equal(error.code, 429);
      const body = assertGoogleError(JSON.parse(error.message), 429);
      assert.equal(body.status, 'RESOURCE_EXHAUSTED');
      assert.equal(body.errors[0]!.reason, 'rateLimitExceeded');
      const calls = sim.log.list(since);
      assert.deepEqual(
        calls.map((c) => [c.operation, c.status, c.fault]),
        [
          ['firewalls.list', 200, undefined],
          ['firewalls.list', 429, 'throttle'],
        ],
      );
      assert.equal(calls[1]!.account, project);
      assert.equal(calls[1]!.bucket, `gcp:${project}:compute:read`);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('Cloud Storage retries through throttling and succeeds (the call log shows the 429)', async () => {
    // 60 tokens refilled at 1/s: drain them, then the SDK's own retry waits for the next one.
    sim.faults.set({ rateLimits: { enabled: true, scale: 0.1 } });
    try {
      const storage = new Storage({
        apiEndpoint: sim.endpoints.gcp,
        projectId: project,
        retryOptions: { retryDelayMultiplier: 1, maxRetries: 5 },
      });
      const [buckets] = await storage.getBuckets();
      const bucket = buckets[0]!;
      const since = sim.log.lastSeq;
      let made = 0;
      while (made < 80 && !sim.log.list(since).some((c) => c.fault === 'throttle')) {
        await bucket.getMetadata();
        made++;
      }
      const calls = sim.log.list(since);
      assert.ok(
        calls.some((c) => c.status === 429 && c.fault === 'throttle'),
        'a call was throttled',
      );
      assert.equal(calls.filter((c) => c.status === 200).length, made, 'every call eventually succeeded');
      assert.equal(calls.at(-1)!.status, 200);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('an outage answers 503 UNAVAILABLE in its region; Cloud Storage retries until it ends', async () => {
    const instances = new compute.InstancesClient(opts.gax);
    const inst = sim
      .estate()
      .gcp.compute.instances.list(project)
      .find((i) => i.state === 'RUNNING')!;
    const region = inst.scope.replace(/-[a-z]$/, '');
    sim.faults.set({
      rateLimits: { enabled: false },
      outages: [{ cloud: 'gcp', service: 'compute', region }],
    });
    try {
      await assert.rejects(
        instances.get({ project, zone: inst.scope, instance: inst.name }),
        (e: Error & { code?: number }) => {
          return e.code === 503 && assertGoogleError(JSON.parse(e.message), 503).status === 'UNAVAILABLE';
        },
      );
      const other = sim
        .estate()
        .gcp.compute.instances.list(project)
        .find((i) => !i.scope.startsWith(region));
      if (other)
        assert.equal(
          (await instances.get({ project, zone: other.scope, instance: other.name }))[0].name,
          other.name,
        );

      const storage = new Storage({
        apiEndpoint: sim.endpoints.gcp,
        projectId: project,
        retryOptions: { retryDelayMultiplier: 1, maxRetries: 5 },
      });
      const bucket = [...sim.estate().gcp.storage.buckets.values()].find((b) => b.project === project)!;
      sim.faults.set({ rateLimits: { enabled: false }, outages: [{ cloud: 'gcp', service: 'storage' }] });
      const since = sim.log.lastSeq;
      const read = storage.bucket(bucket.name).getMetadata();
      setTimeout(() => sim.faults.set({ rateLimits: { enabled: false } }), 300);
      const [meta] = await read;
      assert.equal(meta.name, bucket.name);
      const statuses = sim.log.list(since).map((c) => c.status);
      assert.ok(statuses.includes(503) && statuses.at(-1) === 200, statuses.join(','));
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('injected 5xx errors are 500 INTERNAL / backendError', async () => {
    sim.faults.set({ rateLimits: { enabled: false }, errorRate: 1 });
    try {
      const res = await fetch(`${sim.endpoints.gcp}/compute/v1/projects/${project}/global/firewalls`);
      assert.equal(res.status, 500);
      const error = assertGoogleError(await res.json(), 500);
      assert.equal(error.status, 'INTERNAL');
      assert.equal(error.errors[0]!.reason, 'backendError');
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('answers malformed requests with Google error JSON', async () => {
    const base = sim.endpoints.gcp;
    const cases: [string, RequestInit, number][] = [
      [`${base}/compute/v1/projects/${project}/nowhere`, {}, 404],
      [`${base}/compute/v1/projects/${project}/aggregated/instances?maxResults=5000`, {}, 400],
      [`${base}/compute/v1/projects/${project}/aggregated/instances?pageToken=bogus`, {}, 400],
      [`${base}/compute/v1/projects/no-such-project/aggregated/instances`, {}, 404],
      [
        `${base}/compute/v1/projects/${project}/zones/us-central1-a/instances/x/setLabels`,
        { method: 'POST', body: '{not json' },
        400,
      ],
      [`${base}/storage/v1/b`, {}, 400],
      [
        `${base}/bigquery/v2/projects/${project}/queries`,
        { method: 'POST', body: JSON.stringify({ query: 'DROP TABLE x', useLegacySql: false }) },
        400,
      ],
      [`${base}/v3/projects:search?query=bogus%3D%3D`, {}, 400],
      [`${base}/v3/projects/${project}/timeSeries?filter=metric.type%3D`, {}, 400],
      [`${base}/compute/v1/projects/%E0%A4%A/zones`, {}, 400],
    ];
    for (const [url, init, code] of cases) {
      const res = await fetch(url, init);
      assert.equal(res.status, code, url);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assertGoogleError(await res.json(), code);
    }
  });

  it('survives fuzzed input: every answer is JSON, errors in Google shape, never a dropped connection', async () => {
    const rng = new Rng(2024);
    const segments = [
      'compute',
      'v1',
      'v2',
      'v3',
      'projects',
      project,
      'zones',
      'us-central1-a',
      'instances',
      'aggregated',
      'storage',
      'b',
      'o',
      'sql',
      'v1beta4',
      'locations',
      '-',
      'keyRings',
      'queries',
      'bigquery',
      'timeSeries',
      '%00',
      '..',
      'x'.repeat(300),
      "'",
      '{}',
      'operations',
      'wait',
      ':search',
    ];
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    for (let i = 0; i < 300; i++) {
      const path = Array.from({ length: rng.int(1, 9) }, () => rng.pick(segments)).join('/');
      const method = rng.pick(methods);
      const body =
        method === 'GET' || method === 'DELETE'
          ? undefined
          : rng.pick([
              '',
              '{}',
              '[]',
              'null',
              '{"labels":{"A":1}}',
              '\u0000\u0001',
              '{"query":"SELECT"}',
              '{"settings":5}',
              'x'.repeat(rng.int(0, 2000)),
            ]);
      const query = rng.pick([
        '',
        '?maxResults=-1',
        '?pageToken=%FF',
        '?filter=(((',
        '?project=' + project,
        '?alt=media',
      ]);
      const res = await fetch(`${sim.endpoints.gcp}/${path}${query}`, { method, body });
      const text = await res.text();
      assert.ok(res.status < 500, `${method} /${path}${query} → ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400) assertGoogleError(JSON.parse(text), res.status);
    }
    const [firewalls] = await new compute.FirewallsClient(opts.gax).list({ project });
    assert.ok(firewalls.length > 0);
  });
});
