import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscherError, type CheckId, type Resource } from '@escher/protocol';
import type { CallContext, CallGate, Provider } from '@escher/provider-api';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import type { FirewallPermission } from './compute/firewall-rules.ts';
import { gcpProvider } from './gcp-provider.ts';
import { writeServiceAccountKey } from './testing/service-account-key.ts';

const DAY = 86_400_000;
const DEPRECATED = /^(nodejs(6|8|10|12|14)|python3[78]|go11[13]|ruby2[67]|php74|dotnet3)$/;

function worldOpen(r: Resource, port: number, protocols: string[]): boolean {
  if (!r.attributes['enabled'] || r.attributes['direction'] !== 'ingress') return false;
  return (r.attributes['permissions'] as FirewallPermission[]).some(
    (p) =>
      p.action === 'allow' &&
      protocols.includes(p.protocol) &&
      p.ranges.some((c) => c === '0.0.0.0/0' || c === '::/0') &&
      (p.fromPort ?? 0) <= port &&
      port <= (p.toPort ?? 65535),
  );
}

/**
 * SPEC section 6 checks as a checker would decide them from normalised attributes alone — the
 * proof that discovery carries what the checks need.
 */
function checks(epochMs: number): Record<string, (r: Resource) => boolean> {
  const a = (r: Resource, key: string) => r.attributes[key];
  const untagged = (r: Resource) => {
    const keys = new Set(Object.keys(r.tags).map((k) => k.toLowerCase()));
    return !['env', 'environment', 'stage'].some((k) => keys.has(k)) || !keys.has('owner');
  };
  const labelled = new Set(['network.firewall', 'network.vpc', 'network.subnet', 'iam.role']);
  return {
    'compute.instance.public-ip': (r) => r.type === 'compute.instance' && a(r, 'public') === true,
    'compute.volume.unattached': (r) => r.type === 'compute.volume' && a(r, 'attached') === false,
    'compute.snapshot.old': (r) =>
      r.type === 'compute.snapshot' && Date.parse(r.createdAt!) < epochMs - 90 * DAY,
    'compute.snapshot.public': (r) => r.type === 'compute.snapshot' && a(r, 'public') === true,
    'network.firewall.open-ssh': (r) => r.type === 'network.firewall' && worldOpen(r, 22, ['tcp', 'all']),
    'network.firewall.open-rdp': (r) => r.type === 'network.firewall' && worldOpen(r, 3389, ['tcp', 'all']),
    'network.firewall.open-all': (r) => r.type === 'network.firewall' && worldOpen(r, 0, ['all']),
    'network.ip.unassociated': (r) =>
      r.type === 'network.ip' && a(r, 'public') === true && a(r, 'attached') === false,
    'storage.bucket.public': (r) => r.type === 'storage.bucket' && a(r, 'public') === true,
    'storage.bucket.no-versioning': (r) => r.type === 'storage.bucket' && a(r, 'versioning') === false,
    'database.instance.public': (r) => r.type === 'database.instance' && a(r, 'public') === true,
    'database.instance.no-backup': (r) => r.type === 'database.instance' && a(r, 'backupEnabled') === false,
    'container.cluster.public-endpoint': (r) =>
      r.type === 'container.cluster' && a(r, 'endpointPublic') === true,
    'security.key.no-rotation': (r) => r.type === 'security.key' && a(r, 'rotationEnabled') === false,
    'serverless.function.deprecated-runtime': (r) =>
      r.type === 'serverless.function' && DEPRECATED.test(String(a(r, 'runtime'))),
    'resource.untagged': (r) => !labelled.has(r.type) && untagged(r),
  };
}

/** A gate that records every call it is asked to make. */
function recordingGate(): CallGate & { calls: CallContext[] } {
  const calls: CallContext[] = [];
  return { calls, run: (ctx, call) => (calls.push(ctx), call()) };
}

async function discoverWith(provider: Provider, gate: CallGate): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const account of await provider.listAccounts({ gate })) {
    for (const service of provider.services)
      for await (const page of provider.discover(
        { account: account.id, region: 'global', service: service.id },
        { gate },
      ))
        out.push(...page);
  }
  return out;
}

async function setFaults(sim: SimTarget, faults: unknown): Promise<void> {
  const response = await fetch(`${sim.gcp}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  assert.equal(response.status, 200);
}

describe('GCP provider against escher-sim: credentials, checks, gate, paging, faults', () => {
  let sim: SimTarget;
  let provider: Provider;
  let resources: Resource[];
  let dir: string;

  before(async () => {
    sim = await startSimProcess(['--seed', '7', '--size', 'medium']);
    provider = gcpProvider.create({ kind: 'access-token', token: 'escher-test' }, { endpoint: sim.gcp });
    resources = await discoverAll(provider);
    dir = mkdtempSync(join(tmpdir(), 'escher-gcp-sim-'));
  });
  after(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a service-account key file reaches the simulator too (self-signed JWT, no token endpoint)', async () => {
    const keyed = gcpProvider.create(
      { kind: 'key-file', path: writeServiceAccountKey(dir) },
      { endpoint: sim.gcp },
    );
    const accounts = await keyed.listAccounts();
    assert.deepEqual(accounts.map((a) => a.id).sort(), sim.manifest.accounts['gcp']!.map((a) => a.id).sort());
    const only = accounts[0]!.id;
    const limited = gcpProvider.create(
      { kind: 'key-file', path: writeServiceAccountKey(dir), projects: [only] },
      { endpoint: sim.gcp },
    );
    assert.deepEqual(
      (await limited.listAccounts()).map((a) => a.id),
      [only],
    );
    let instances = 0;
    for await (const page of keyed.discover({
      account: only,
      region: 'global',
      service: 'compute.instances',
    }))
      instances += page.length;
    assert.equal(instances, sim.manifest.counts['gcp']![only]!['compute.instance']);
    assert.ok((await keyed.listRegions(only)).includes('us-central1'));
  });

  it('normalised attributes alone decide every GCP misconfiguration the manifest lists, and nothing else', () => {
    const epoch = Date.parse(sim.manifest.epoch);
    for (const [checkId, decide] of Object.entries(checks(epoch))) {
      const expected = (sim.manifest.misconfigurations[checkId as CheckId]?.resources ?? [])
        .filter((id) => id.startsWith('//'))
        .sort();
      const found = resources
        .filter(decide)
        .map((r) => r.id)
        .sort();
      assert.deepEqual(found, expected, checkId);
    }
  });

  it('every API call goes through the gate, named as the simulator logs it', async () => {
    await fetch(`${sim.gcp}/_sim/calls`, { method: 'DELETE' });
    const gate = recordingGate();
    const again = await discoverWith(provider, gate);
    assert.equal(again.length, resources.length);
    const log = (await (await fetch(`${sim.gcp}/_sim/calls?summary=1&cloud=gcp`)).json()) as {
      summary: { total: number; byOperation: Record<string, number> };
    };
    assert.equal(gate.calls.length, log.summary.total);
    const byOperation: Record<string, number> = {};
    for (const c of gate.calls)
      byOperation[`gcp:${c.service}:${c.operation}`] =
        (byOperation[`gcp:${c.service}:${c.operation}`] ?? 0) + 1;
    assert.deepEqual(byOperation, log.summary.byOperation);
  });

  it('finds every resource exactly once through tiny and empty pages', async () => {
    await setFaults(sim, {
      rateLimits: { enabled: false },
      pagination: { maxPageSize: 3, emptyPageEvery: 4 },
    });
    try {
      const paged = await discoverAll(provider);
      assert.deepEqual(paged.map((r) => r.id).sort(), resources.map((r) => r.id).sort());
    } finally {
      await setFaults(sim, { rateLimits: { enabled: false } });
    }
  });

  it('an outage surfaces as a retryable gcp-unavailable error naming the call', async () => {
    const account = sim.manifest.accounts['gcp']![0]!.id;
    await setFaults(sim, { rateLimits: { enabled: false }, outages: [{ cloud: 'gcp', service: 'iam' }] });
    try {
      const pages = provider.discover({ account, region: 'global', service: 'iam.serviceAccounts' });
      await assert.rejects(
        (async () => {
          for await (const page of pages) assert.ok(page);
        })(),
        (e: unknown) =>
          e instanceof EscherError &&
          e.code === 'gcp-unavailable' &&
          e.kind === 'operational' &&
          /iam projects\.serviceAccounts\.list/.test(e.message),
      );
    } finally {
      await setFaults(sim, { rateLimits: { enabled: false } });
    }
  });
});
