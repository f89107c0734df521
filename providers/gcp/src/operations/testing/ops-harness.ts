import assert from 'node:assert/strict';
import type { OperationId, Resource, ResourceType } from '@escher/protocol';
import type {
  CallContext,
  CallGate,
  OperationOutcome,
  Provider,
  ProviderActions,
} from '@escher/provider-api';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { gcpProvider } from '../../gcp-provider.ts';
import { GCP_SERVICES } from '../../services.ts';
import { createGcpActions } from '../gcp-actions.ts';

/** Attributes that move on their own (timestamps of the last start/stop, rotation schedule). */
const VOLATILE = ['lastStartAt', 'lastStopAt', 'updatedAt', 'nextRotationAt'];

/** A simulator process with the GCP provider (discovery) and actions (operations) pointed at it. */
export interface OpsHarness {
  sim: SimTarget;
  provider: Provider;
  actions: ProviderActions;
  /** Every call the operations made, as the gate saw them. */
  calls: CallContext[];
  gate: CallGate;
  run(
    id: OperationId,
    target: Resource,
    params?: Record<string, unknown>,
    dryRun?: boolean,
  ): Promise<OperationOutcome>;
  /** Every resource of one type in every project, through discovery (as a sync would see them). */
  discover(type: ResourceType): Promise<Resource[]>;
  refresh(resource: Resource): Promise<Resource | undefined>;
  /** Moves the simulator's clock (state transitions finish). */
  advance(ms: number): Promise<void>;
  setTransitionMs(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts one small simulator (a 500-resource estate: every GCP type, including a Standard GKE
 * cluster and a free address), transitions made immediate, for one operations test file.
 */
export async function startOpsHarness(): Promise<OpsHarness> {
  const sim = await startSimProcess(['--seed', '42', '--size', '500']);
  const credentials = { kind: 'access-token', token: 'escher-test' } as const;
  const provider = gcpProvider.create(credentials, { endpoint: sim.gcp });
  const actions = createGcpActions(credentials, { endpoint: sim.gcp });
  const calls: CallContext[] = [];
  const gate: CallGate = { run: (ctx, call) => (calls.push(ctx), call()) };
  const accounts = (sim.manifest.accounts['gcp'] ?? []).map((a) => a.id);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.gcp}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `${path}: ${await response.text()}`);
  };
  // State changes at once unless a test stretches them (POST /_sim/timing).
  await post('/_sim/timing', { transitionMs: 0 });
  return {
    sim,
    provider,
    actions,
    calls,
    gate,
    run(id, target, params = {}, dryRun = false) {
      const op = actions.operations.find((o) => o.id === id);
      assert.ok(op, `GCP implements ${id}`);
      return op.run({ target, params, dryRun, gate });
    },
    async discover(type) {
      const service = GCP_SERVICES.find((s) => s.types.includes(type))!;
      const out: Resource[] = [];
      for (const account of accounts)
        for await (const page of provider.discover({ account, region: 'global', service: service.id }))
          out.push(...page);
      return out;
    },
    refresh: (resource) => actions.refresh(resource, { gate }),
    advance: (ms) => post('/_sim/clock', { advanceMs: ms }),
    setTransitionMs: (ms) => post('/_sim/timing', { transitionMs: ms }),
    stop: () => sim.stop(),
  };
}

/** A resource without the attributes that change by themselves, for before/after comparisons. */
export function stable(resource: Resource | undefined): unknown {
  if (!resource) return undefined;
  const attributes = { ...resource.attributes };
  for (const key of VOLATILE) delete attributes[key];
  return { ...resource, attributes };
}

/** Ids of resources that differ (or appeared, or went) between two discoveries. */
export function changedIds(before: readonly Resource[], after: readonly Resource[]): string[] {
  const old = new Map(before.map((r) => [r.id, JSON.stringify(stable(r))]));
  const now = new Map(after.map((r) => [r.id, JSON.stringify(stable(r))]));
  const ids = new Set([...old.keys(), ...now.keys()]);
  return [...ids].filter((id) => old.get(id) !== now.get(id)).sort();
}

/**
 * Runs an operation and proves it changed exactly its target: discovery of the target's type
 * before and after differs in the target alone (or, for deletes, the target is gone), and a
 * refresh of the target equals what discovery now says.
 */
export async function runChangingOnly(
  h: OpsHarness,
  id: OperationId,
  target: Resource,
  params: Record<string, unknown> = {},
): Promise<{ outcome: OperationOutcome; after: Resource | undefined }> {
  const before = await h.discover(target.type);
  const outcome = await h.run(id, target, params);
  const discovered = await h.discover(target.type);
  assert.deepEqual(changedIds(before, discovered), [target.id], `${id} changed exactly ${target.name}`);
  const after = await h.refresh(target);
  assert.deepEqual(
    stable(after),
    stable(discovered.find((r) => r.id === target.id)),
    'refresh equals discovery',
  );
  return { outcome, after };
}

/** A dry run that changes nothing: the outcome says so and the target reads back the same. */
export async function dryRunChangesNothing(
  h: OpsHarness,
  id: OperationId,
  target: Resource,
  params: Record<string, unknown> = {},
): Promise<OperationOutcome> {
  const before = await h.refresh(target);
  const outcome = await h.run(id, target, params, true);
  assert.equal(outcome.status, 'dry-run-ok');
  assert.equal(outcome.dryRunSupported, false, 'GCP has no dry run: checked locally');
  assert.deepEqual(stable(await h.refresh(target)), stable(before));
  return outcome;
}

/** Runs an outcome's undo on the same target. */
export async function undo(
  h: OpsHarness,
  target: Resource,
  outcome: OperationOutcome,
): Promise<OperationOutcome> {
  assert.ok(outcome.undo, 'the operation says how to undo it');
  return h.run(outcome.undo.operation, target, outcome.undo.params);
}
