import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationalError, UserError, type Cloud, type Resource } from '@escher/protocol';
import type { DiscoverOptions, DiscoveryScope, Provider } from '@escher/provider-api';
import { createLineRenderer, createProgressRenderer, createTtyRenderer } from './progress-renderer.ts';
import { ScanProgress } from './progress.ts';
import type { ScanEvent } from './scan-events.ts';
import { createScanner } from './scanner.ts';
import { RecordingSink } from './scanner.testing.ts';

interface FakeOptions {
  cloud?: Cloud;
  accounts?: string[];
  regions?: string[];
  /** Resources per regional scope, split into pages of 2. */
  perScope?: number;
  failRegions?: (account: string) => boolean;
  /** Throws after the first page of matching scopes. */
  failScope?: (scope: DiscoveryScope) => boolean;
  onPage?: (scope: DiscoveryScope) => Promise<void>;
  active?: { now: number; max: Map<string, number>; current: Map<string, number> };
}

function resource(cloud: Cloud, scope: DiscoveryScope, i: number): Resource {
  const id = `${cloud}:${scope.account}:${scope.region}:${scope.service}:${i}`;
  return {
    id,
    nativeId: id,
    cloud,
    account: scope.account,
    region: scope.region,
    type: scope.service === 'buckets' ? 'storage.bucket' : 'compute.instance',
    nativeType: 'fake',
    name: `r${i}`,
    tags: {},
    attributes: {},
    relationships: [],
  };
}

/** A provider whose every page goes through the gate, like the real ones. */
function fakeProvider(o: FakeOptions = {}): Provider {
  const cloud = o.cloud ?? 'aws';
  const perScope = o.perScope ?? 5;
  return {
    cloud,
    services: [
      { id: 'instances', types: ['compute.instance'], global: false },
      { id: 'buckets', types: ['storage.bucket'], global: true },
    ],
    listAccounts: async () => (o.accounts ?? ['a1', 'a2']).map((id) => ({ id, name: id })),
    listRegions: async (account: string, options?: DiscoverOptions) => {
      await options?.gate?.run(
        { account, region: 'r1', service: 'ec2', operation: 'DescribeRegions' },
        async () => 0,
      );
      if (o.failRegions?.(account)) {
        throw new UserError(
          'aws-access-denied',
          `ec2:DescribeRegions in ${account}: AccessDenied: not allowed`,
        );
      }
      return o.regions ?? ['r1', 'r2'];
    },
    async *discover(scope: DiscoveryScope, options?: DiscoverOptions) {
      const key = `${scope.account}/${scope.region}`;
      const active = o.active;
      if (active) {
        const n = (active.current.get(key) ?? 0) + 1;
        active.current.set(key, n);
        active.max.set(key, Math.max(active.max.get(key) ?? 0, n));
      }
      try {
        for (let i = 0; i < perScope; i += 2) {
          await options?.gate?.run({ ...scope, operation: 'List' }, async () => {
            await new Promise((resolve) => setImmediate(resolve));
          });
          await o.onPage?.(scope);
          if (i > 0 && o.failScope?.(scope)) {
            throw new OperationalError(
              'aws-service-error',
              `${scope.service} in ${scope.region}: InternalError: boom`,
            );
          }
          yield Array.from({ length: Math.min(2, perScope - i) }, (_, k) => resource(cloud, scope, i + k));
        }
      } finally {
        if (active) active.current.set(key, active.current.get(key)! - 1);
      }
    },
    metrics: async () => [],
  };
}

const fastLimiter = { baseBackoffMs: 1, maxRetries: 1 };

describe('scanner', () => {
  it('scans accounts × regions × services, each scope once, and sums the sink’s change counts', async () => {
    const sink = new RecordingSink();
    const scanner = createScanner({ providers: [fakeProvider()], sink, limiter: fastLimiter });
    const summary = await scanner.scan();
    // 2 accounts × (2 regions × instances + global buckets) = 6 scopes of 5.
    assert.equal(sink.replaced.length, 6);
    assert.equal(summary.resources, 30);
    assert.equal(summary.added, 30);
    assert.equal(summary.apiCalls, 2 + 6 * 3);
    assert.deepEqual(summary.errors, []);
    assert.equal(sink.finished.length, 1);
  });

  it('keeps a failed scope’s old resources and never reports them removed', async () => {
    const sink = new RecordingSink();
    await createScanner({ providers: [fakeProvider()], sink, limiter: fastLimiter }).scan();
    const failing = fakeProvider({ failScope: (s) => s.region === 'r2' && s.account === 'a1' });
    const summary = await createScanner({ providers: [failing], sink, limiter: fastLimiter }).scan();
    assert.equal(summary.removed, 0);
    assert.equal(summary.errors.length, 1);
    assert.deepEqual(
      { ...summary.errors[0], message: undefined },
      {
        stage: 'scope',
        cloud: 'aws',
        account: 'a1',
        region: 'r2',
        service: 'instances',
        code: 'aws-service-error',
        message: undefined,
      },
    );
    assert.match(summary.errors[0]!.message, /InternalError: boom/);
    assert.equal(sink.failed.length, 1);
    assert.equal(sink.all().length, 30, 'the failed scope still holds its 5 resources');
  });

  it('reports a failed region listing and still scans the account’s global services', async () => {
    const sink = new RecordingSink();
    const summary = await createScanner({
      providers: [fakeProvider({ failRegions: (a) => a === 'a2' })],
      sink,
      limiter: fastLimiter,
    }).scan();
    assert.deepEqual(
      summary.errors.map((e) => [e.stage, e.account, e.code]),
      [['regions', 'a2', 'aws-access-denied']],
    );
    assert.ok(sink.replaced.some((r) => r.scope.account === 'a2' && r.scope.region === 'global'));
    assert.equal(sink.replaced.filter((r) => r.scope.account === 'a2').length, 1);
  });

  it('filters by cloud and account', async () => {
    const sink = new RecordingSink();
    const scanner = createScanner({
      providers: [fakeProvider(), fakeProvider({ cloud: 'gcp', accounts: ['p1'] })],
      sink,
      limiter: fastLimiter,
    });
    await scanner.scan({ clouds: ['aws'], accounts: ['a2'] });
    assert.deepEqual(
      [...new Set(sink.replaced.map((r) => `${r.scope.cloud}/${r.scope.account}`))],
      ['aws/a2'],
    );
  });

  it('bounds scopes in flight per region', async () => {
    const active = { now: 0, max: new Map<string, number>(), current: new Map<string, number>() };
    const provider = fakeProvider({ accounts: ['a1'], regions: ['r1'], perScope: 6, active });
    const many = {
      ...provider,
      services: Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, types: [], global: false })),
    };
    await createScanner({
      providers: [many],
      sink: new RecordingSink(),
      limiter: fastLimiter,
      concurrency: { perRegion: 3 },
    }).scan();
    assert.equal(active.max.get('a1/r1'), 3);
  });

  it('cancels cleanly: no half scope is written, the sync is closed, the scan rejects', async () => {
    const sink = new RecordingSink();
    const controller = new AbortController();
    let pages = 0;
    const provider = fakeProvider({
      perScope: 10,
      onPage: async () => {
        if (++pages === 7) controller.abort();
      },
    });
    await assert.rejects(
      createScanner({ providers: [provider], sink, limiter: fastLimiter }).scan({
        signal: controller.signal,
      }),
      (error: OperationalError) => error.code === 'scan-cancelled',
    );
    for (const r of sink.replaced) assert.equal(r.resources.length, 10, 'only complete scopes');
    assert.equal(sink.failed.length, 0, 'cancelling is not a cloud failure');
    assert.equal(sink.finished.length, 1);
  });

  it('feeds progress: per account scopes done of total, resources, calls, errors', async () => {
    const events: ScanEvent[] = [];
    const provider = fakeProvider({ failScope: (s) => s.account === 'a2' && s.region === 'r1' });
    await createScanner({ providers: [provider], sink: new RecordingSink(), limiter: fastLimiter }).scan({
      onProgress: (e) => events.push(e),
    });
    const progress = new ScanProgress({ now: () => Date.now() });
    for (const e of events) progress.apply(e);
    const [a1, a2] = progress.accounts();
    assert.deepEqual([a1!.scopesDone, a1!.scopesTotal, a1!.resources, a1!.errors], [3, 3, 15, 0]);
    assert.deepEqual([a2!.scopesDone, a2!.scopesTotal, a2!.scopesFailed, a2!.errors], [3, 3, 1, 1]);
    assert.equal(a1!.calls, 1 + 9);
    assert.ok(a1!.callsPerSecond > 0);
  });
});

describe('progress renderers', () => {
  async function eventsOfAScan(): Promise<ScanEvent[]> {
    const events: ScanEvent[] = [];
    const provider = fakeProvider({ accounts: ['a1'], failScope: (s) => s.region === 'r2' });
    await createScanner({ providers: [provider], sink: new RecordingSink(), limiter: fastLimiter }).scan({
      onProgress: (e) => events.push(e),
    });
    return events;
  }

  it('prints one quiet line per scope and the summary when not on a terminal', async () => {
    let text = '';
    const renderer = createLineRenderer({ out: { write: (t: string) => (text += t) } });
    for (const e of await eventsOfAScan()) renderer.onEvent(e);
    renderer.stop();
    const lines = text.trim().split('\n');
    assert.ok(lines.includes('aws a1 r1 instances: 5 resources (+5 ~0 -0)'), text);
    assert.ok(
      lines.some((l) => /^aws a1 r2 instances: FAILED: .*InternalError: boom$/.test(l)),
      text,
    );
    assert.match(lines.at(-1)!, /^10 resources \(\+10 ~0 -0\), \d+ API calls, [\d.]+ s, 1 error$/);
  });

  it('draws a bar per account on a terminal, then errors and the summary', async () => {
    const frames: string[][] = [];
    let tail = '';
    const renderer = createTtyRenderer({
      out: { write: (t: string) => (tail += t), isTTY: true },
      block: { draw: (lines) => frames.push([...lines]), done: () => undefined },
      intervalMs: 0,
    });
    for (const e of await eventsOfAScan()) renderer.onEvent(e);
    renderer.stop();
    const last = frames.at(-1)!;
    assert.equal(last.length, 1);
    assert.match(last[0]!, /^aws\s+a1\s+█+\s+3\/3 scopes\s+10 resources\s+[\d.]+ calls\/s\s+1 error$/);
    assert.match(tail, /✗ aws a1 r2 instances: .*boom\n10 resources/);
  });

  it('writes nothing with --json', async () => {
    let text = '';
    const renderer = createProgressRenderer({
      json: true,
      out: { write: (t: string) => (text += t), isTTY: true },
    });
    for (const e of await eventsOfAScan()) renderer.onEvent(e);
    renderer.stop();
    assert.equal(text, '');
  });
});
