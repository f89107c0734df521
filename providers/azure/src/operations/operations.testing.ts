import assert from 'node:assert/strict';
import { EscherError, type OperationId, type Resource, type ResourceType } from '@escher/protocol';
import type { OperationOutcome, Provider, ProviderActions } from '@escher/provider-api';
import { discoverAll, startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { azureProvider } from '../index.ts';
import { createAzureActions } from './azure-actions.ts';

/** One line of the simulator's call log (GET /_sim/calls). */
interface SimCall {
  service: string;
  operation: string;
  mutating: boolean;
  status: number;
}

/**
 * A simulator process with the Azure provider and its actions pointed at it, and the checks the
 * operation tests share: run an operation, read a resource back through refresh and through a
 * full discovery, diff two discoveries, and list the calls made since a point.
 */
export interface OpsHarness {
  sim: SimTarget;
  provider: Provider;
  actions: ProviderActions;
  run(
    id: OperationId,
    target: Resource,
    params?: Record<string, unknown>,
    dryRun?: boolean,
  ): Promise<OperationOutcome>;
  /** Runs an outcome's undo on the same target. */
  undo(outcome: OperationOutcome, target: Resource): Promise<OperationOutcome>;
  refresh(resource: Resource): Promise<Resource | undefined>;
  /** Every Azure resource, as a full sync sees it now, by lower-cased id. */
  discover(): Promise<Map<string, Resource>>;
  /** The call log position now. */
  mark(): Promise<number>;
  callsSince(seq: number): Promise<SimCall[]>;
  /** Moves the simulator clock (POST /_sim/clock). */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `escher-sim` with `args`, and sets how long its state changes take in simulated time
 * (POST /_sim/timing): 0 makes every long-running operation finish at its first poll.
 */
export async function startOpsHarness(args: readonly string[], transitionMs: number): Promise<OpsHarness> {
  const sim = await startSimProcess(args);
  const timing = await fetch(`${sim.aws}/_sim/timing`, {
    method: 'POST',
    body: JSON.stringify({ transitionMs }),
  });
  assert.equal(timing.status, 200, 'the simulator takes the transition time');
  const credentials = {
    kind: 'service-principal' as const,
    tenantId: sim.azureTenantId,
    clientId: 'escher-operations',
    clientSecret: 'sim',
  };
  const settings = { endpoint: sim.azure, caCert: sim.caCert };
  const provider = azureProvider.create(credentials, settings);
  const actions = createAzureActions(credentials, settings);
  const op = (id: OperationId) => {
    const found = actions.operations.find((o) => o.id === id);
    assert.ok(found, `the Azure provider implements ${id}`);
    return found;
  };
  const run: OpsHarness['run'] = (id, target, params = {}, dryRun = false) =>
    op(id).run({ target, params, dryRun });
  return {
    sim,
    provider,
    actions,
    run,
    undo: (outcome, target) => {
      assert.ok(outcome.undo, `an undo in: ${outcome.message}`);
      return run(outcome.undo.operation, target, outcome.undo.params);
    },
    refresh: (resource) => actions.refresh(resource),
    discover: async () => new Map((await discoverAll(provider)).map((r) => [r.id.toLowerCase(), r])),
    mark: async () =>
      ((await (await fetch(`${sim.aws}/_sim/calls?summary=1`)).json()) as { lastSeq: number }).lastSeq,
    callsSince: async (seq) =>
      ((await (await fetch(`${sim.aws}/_sim/calls?cloud=azure&since=${seq}`)).json()) as { calls: SimCall[] })
        .calls,
    advance: async (ms) => {
      const res = await fetch(`${sim.aws}/_sim/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs: ms }),
      });
      assert.equal(res.status, 200);
    },
    stop: () => sim.stop(),
  };
}

/** Ids whose resource differs between two discoveries (added, removed or changed). */
export function changedIds(before: Map<string, Resource>, after: Map<string, Resource>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => !isDeepStrictEqualJson(before.get(id), after.get(id))).sort();
}

function isDeepStrictEqualJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first resource of a type that satisfies `pick`, or a failed assertion naming what was sought. */
export function find(
  resources: Map<string, Resource>,
  type: ResourceType,
  pick: (r: Resource) => boolean,
  what: string,
): Resource {
  const found = [...resources.values()].find((r) => r.type === type && pick(r));
  assert.ok(found, `the estate has ${what}`);
  return found;
}

/** Resource ids compare case-insensitively on Azure: the map key tests use. */
export const key = (r: Resource): string => r.id.toLowerCase();

/** For `assert.rejects`: an Escher error of this code whose message matches. */
export const rejectsWith =
  (code: string, message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof EscherError, `an Escher error, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };
