import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallGate, Provider } from '@escher/provider-api';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { azureProvider } from '@escher/provider-azure';
import { gcpProvider } from '@escher/provider-gcp';
import { classifyFailure, type CallFailure } from './call-outcome.ts';

/** A gate that makes each call once and keeps what the scanner's limiter would have seen. */
function recordingGate(): CallGate & { attempts: number; failures: CallFailure[] } {
  const gate = {
    attempts: 0,
    failures: [] as CallFailure[],
    async run<T>(_ctx: unknown, call: () => Promise<T>): Promise<T> {
      gate.attempts++;
      try {
        return await call();
      } catch (error) {
        gate.failures.push(classifyFailure(error, Date.now()));
        throw error;
      }
    },
  };
  return gate;
}

interface CallsSummary {
  lastSeq: number;
  summary: { total: number; throttled: number; byOperation: Record<string, number> };
}

/** The simulator's call log, read on its plain-HTTP (AWS) port: it logs every cloud's calls. */
async function simCalls(sim: SimTarget, cloud: string, since: number): Promise<CallsSummary> {
  const response = await fetch(`${sim.aws}/_sim/calls?summary=1&cloud=${cloud}&since=${since}`);
  return (await response.json()) as CallsSummary;
}

/**
 * Lists the regions and every service of the first account through the gate, with rate limits
 * so tight that most buckets throttle after their first call (Retry-After: seconds, so an SDK
 * that retried would be seen doing so). Returns the simulator's view of those calls.
 */
async function scanThrottled(
  sim: SimTarget,
  provider: Provider,
  gate: ReturnType<typeof recordingGate>,
): Promise<CallsSummary['summary']> {
  const [account] = await provider.listAccounts();
  assert.ok(account, 'the simulator has an account');
  const regions = await provider.listRegions(account.id);
  const since = (await simCalls(sim, provider.cloud, 0)).lastSeq;
  await fetch(`${sim.aws}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ rateLimits: { enabled: true, scale: 0.004 } }),
  });
  try {
    // Region listings go through each SDK's ARM / Compute client; the first call empties the bucket.
    for (let i = 0; i < 3; i++) await provider.listRegions(account.id, { gate }).catch(() => []);
    for (const service of provider.services) {
      const region = service.global ? 'global' : (regions[0] ?? 'global');
      try {
        for await (const page of provider.discover(
          { account: account.id, region, service: service.id },
          { gate },
        ))
          void page;
      } catch {
        // Throttled: the gate kept the failure.
      }
    }
  } finally {
    await fetch(`${sim.aws}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ rateLimits: { enabled: false } }),
    });
  }
  return (await simCalls(sim, provider.cloud, since)).summary;
}

// SDK retries hide throttling from the scanner's adaptive limiter; these prove they are off.
describe('Azure and GCP SDKs make each call once and surface throttling to the gate', () => {
  let sim: SimTarget;
  before(async () => {
    sim = await startSimProcess(['--seed', '5', '--size', 'small']);
  });
  after(() => sim?.stop());

  it('Azure: every 429 the simulator answered reached the gate, classified as throttled with Retry-After', async () => {
    const provider = azureProvider.create(
      {
        kind: 'service-principal',
        tenantId: sim.azureTenantId,
        clientId: 'escher-retries',
        clientSecret: 'sim',
      },
      { endpoint: sim.azure, caCert: sim.caCert },
    );
    const gate = recordingGate();
    const seen = await scanThrottled(sim, provider, gate);
    assert.ok(seen.throttled > 0, 'the limits throttled');
    // Every throttle the simulator answered reached the gate: none was retried (and absorbed)
    // inside the SDK. (The gate sees one attempt more per finished pager: the pager's last
    // `next()` is gated but sends nothing.)
    assert.equal(gate.failures.length, seen.throttled, JSON.stringify(seen.byOperation));
    assert.ok(seen.total <= gate.attempts);
    for (const failure of gate.failures) {
      assert.equal(failure.kind, 'throttled');
      assert.ok((failure.retryAfterMs ?? 0) > 0, 'Retry-After reaches the limiter');
    }
  });

  it('GCP: every call the simulator saw came through the gate, and 429s classify as throttled', async () => {
    const provider = gcpProvider.create(
      { kind: 'access-token', token: 'escher-retries' },
      { endpoint: sim.gcp },
    );
    const gate = recordingGate();
    const seen = await scanThrottled(sim, provider, gate);
    assert.ok(seen.throttled > 0, 'the limits throttled');
    // Every call the simulator saw was one attempt through the gate, and every throttle reached it.
    assert.equal(seen.total, gate.attempts, JSON.stringify(seen.byOperation));
    assert.equal(gate.failures.length, seen.throttled);
    for (const failure of gate.failures) assert.equal(failure.kind, 'throttled');
  });
});
