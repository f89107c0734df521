import assert from 'node:assert/strict';
import type { OperationId, Resource } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { AwsProvider } from '../provider.ts';
import { AWS_SERVICES } from '../services.ts';
import { AwsActions } from './index.ts';

/**
 * One simulator process and the AWS provider's actions against it, for the operation tests: run
 * an operation, advance the simulator's clock, re-read a target through `refresh` and through
 * discovery of its scope, and check that nothing else in that scope changed.
 */
export interface OperationsFixture {
  sim: SimTarget;
  actions: AwsActions;
  provider: AwsProvider;
  run(
    id: OperationId,
    target: Resource,
    params?: Record<string, unknown>,
    dryRun?: boolean,
  ): Promise<OperationOutcome>;
  /** Runs an outcome's undo against the same target. */
  undo(outcome: OperationOutcome, target: Resource): Promise<OperationOutcome>;
  /** Moves the simulator's clock past its transitions. */
  settle(): Promise<void>;
  /** Every resource of the target's discovery scope (its service in its account and region). */
  scope(target: Resource): Promise<Resource[]>;
  /** The target as discovery sees it now (undefined when gone). */
  discovered(target: Resource): Promise<Resource | undefined>;
  /** Resources of one type across every account (discovery of that service everywhere). */
  all(type: Resource['type']): Promise<Resource[]>;
  close(): Promise<void>;
}

/** Simulated transitions last 5 s (escher-sim's default); one step past that settles them. */
const SETTLE_MS = 5_001;

export async function startOperationsFixture(args: readonly string[]): Promise<OperationsFixture> {
  const sim = await startSimProcess(args);
  const credentials = {
    kind: 'roles' as const,
    base: { kind: 'keys' as const, accessKeyId: 'AKIAESCHEROPERATIONS', secretAccessKey: 'ops' },
    roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-operator`),
  };
  const provider = new AwsProvider(credentials, { endpoint: sim.aws });
  const actions = new AwsActions(new AwsProvider(credentials, { endpoint: sim.aws }));
  const serviceOf = (type: Resource['type']) => AWS_SERVICES.find((s) => s.types.includes(type))!;
  const scope = async (target: Resource) => {
    const service = serviceOf(target.type);
    const out: Resource[] = [];
    const region = service.global ? 'global' : target.region;
    for await (const page of provider.discover({ account: target.account, region, service: service.id }))
      out.push(...page);
    return out;
  };
  const run: OperationsFixture['run'] = (id, target, params = {}, dryRun = false) => {
    const operation = actions.operations.find((o) => o.id === id);
    assert.ok(operation, `AWS implements ${id}`);
    return operation.run({ target, params, dryRun });
  };
  return {
    sim,
    actions,
    provider,
    run,
    undo: (outcome, target) => {
      assert.ok(outcome.undo, `${outcome.message}: expected an undo`);
      return run(outcome.undo.operation, target, outcome.undo.params);
    },
    settle: async () => {
      const res = await fetch(`${sim.aws}/_sim/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs: SETTLE_MS }),
      });
      assert.equal(res.status, 200);
    },
    scope,
    discovered: async (target) => (await scope(target)).find((r) => r.id === target.id),
    all: async (type) => {
      const service = serviceOf(type);
      const out: Resource[] = [];
      for (const account of await provider.listAccounts()) {
        const regions = service.global ? ['global'] : await provider.listRegions(account.id);
        for (const region of regions)
          for await (const page of provider.discover({ account: account.id, region, service: service.id }))
            out.push(...page.filter((r) => r.type === type));
      }
      return out;
    },
    close: async () => {
      actions.close();
      provider.close();
      await sim.stop();
    },
  };
}

/**
 * Asserts the operation changed exactly `target` in its scope: every other resource there reads
 * the same as before.
 */
export function assertOnlyTargetChanged(
  before: readonly Resource[],
  after: readonly Resource[],
  target: Resource,
): void {
  const others = (list: readonly Resource[]) =>
    new Map(list.filter((r) => r.id !== target.id).map((r) => [r.id, r] as const));
  assert.deepEqual(others(after), others(before), 'only the target changed');
}
