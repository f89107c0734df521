import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NATIVE_TYPES,
  ResourceSchema,
  deriveEnvironment,
  type Cloud,
  type Resource,
  type ResourceType,
} from '@escher/protocol';
import type { Provider } from '../provider.ts';
import { startSimProcess, type SimTarget } from './sim-process.ts';

export interface ContractTarget {
  cloud: Cloud;
  /** Builds the provider under test, pointed at the simulator. */
  create(sim: SimTarget): Provider;
  /** Extra simulator flags (seed, size). */
  simArgs?: readonly string[];
}

/** Discovers everything a provider reaches: every account, region and service. */
export async function discoverAll(provider: Provider): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const account of await provider.listAccounts()) {
    const regions = await provider.listRegions(account.id);
    for (const service of provider.services) {
      for (const region of service.global ? ['global'] : regions) {
        for await (const page of provider.discover({ account: account.id, region, service: service.id }))
          out.push(...page);
      }
    }
  }
  return out;
}

/**
 * The contract every provider passes against the simulator (as Hono runs one router case file
 * against every router): same estate → same counts per type as the manifest, valid resources,
 * SPEC native ids, environments derived from tags, relationships that resolve, and CPU metrics.
 */
export function runProviderContract(target: ContractTarget): void {
  describe(`${target.cloud} provider contract (against escher-sim)`, () => {
    let sim: SimTarget;
    let provider: Provider;
    let resources: Resource[];
    before(async () => {
      sim = await startSimProcess(target.simArgs ?? ['--seed', '11', '--size', 'small']);
      provider = target.create(sim);
      resources = await discoverAll(provider);
    });
    after(() => sim?.stop());

    it('finds every account the simulator holds', async () => {
      const accounts = (await provider.listAccounts()).map((a) => a.id).sort();
      assert.deepEqual(accounts, sim.manifest.accounts[target.cloud]!.map((a) => a.id).sort());
    });

    it('discovers the same number of resources of each type, per account, as the manifest', () => {
      const found: Record<string, Partial<Record<ResourceType, number>>> = {};
      for (const r of resources) {
        const byType = (found[r.account] ??= {});
        byType[r.type] = (byType[r.type] ?? 0) + 1;
      }
      assert.deepEqual(found, sim.manifest.counts[target.cloud]);
    });

    it('produces valid, unique resources with SPEC native ids and native types', () => {
      const ids = new Set<string>();
      for (const r of resources) {
        const parsed = ResourceSchema.safeParse(r);
        assert.ok(parsed.success, `${r.id}: ${parsed.success ? '' : parsed.error.message}`);
        assert.equal(r.id, r.nativeId);
        assert.equal(r.cloud, target.cloud);
        assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
        ids.add(r.id);
        assert.ok(
          NATIVE_TYPES[r.type][target.cloud].some((n) => n.toLowerCase() === r.nativeType.toLowerCase()),
          `${r.nativeType} is not a native type of ${r.type}`,
        );
      }
    });

    it('derives environments from tags or names', () => {
      for (const r of resources) assert.equal(r.environment, deriveEnvironment(r.tags, r.name), r.id);
    });

    it("finds every misconfigured resource the manifest lists, by the manifest's native id", () => {
      const ids = new Set(resources.map((r) => r.id));
      for (const [checkId, entry] of Object.entries(sim.manifest.misconfigurations)) {
        if (checkId === 'cost.anomaly' || checkId === 'iam.root.access-key') continue;
        const mine = entry.resources.filter((id) => ownedBy(target.cloud, id));
        const missing = mine.filter((id) => !ids.has(id));
        assert.deepEqual(
          missing.slice(0, 5),
          [],
          `${checkId}: ${missing.length} of ${mine.length} not discovered`,
        );
      }
    });

    it('relates resources to resources it discovered', () => {
      const ids = new Set(resources.map((r) => r.id));
      const relationships = resources.flatMap((r) => r.relationships);
      assert.ok(relationships.length > 0, 'no relationships at all');
      const dangling = relationships.filter((rel) => !ids.has(rel.targetId));
      assert.ok(
        dangling.length / relationships.length < 0.05,
        `${dangling.length} dangling, e.g. ${dangling[0]?.targetId}`,
      );
    });

    it('reads CPU metrics for an instance', async () => {
      const instance = resources.find((r) => r.type === 'compute.instance' && r.state === 'running');
      assert.ok(instance, 'no running instance');
      const end = Date.now();
      const points = await provider.metrics(instance, {
        metric: 'cpu',
        start: end - 86_400_000,
        end,
        periodSeconds: 3600,
      });
      assert.ok(points.length >= 20, `only ${points.length} points`);
      for (const p of points) assert.ok(p.value >= 0 && p.value <= 100);
    });
  });
}

function ownedBy(cloud: Cloud, id: string): boolean {
  if (cloud === 'aws') return id.startsWith('arn:aws:');
  if (cloud === 'azure') return id.startsWith('/subscriptions/');
  return id.startsWith('//');
}
