import type { AskRequestInput, PlaybookBrief } from '@escher/protocol';
import type { PlaybookCandidate } from './agents/agents.ts';
import type { IntentParser } from './agents/master.agent.ts';
import { createApiKeyRing } from './http/api-keys.ts';

/** Test keys: two tenants. */
export const TEST_KEYS = {
  acme: 'acme-key-0123456789abcdef',
  globex: 'globex-key-0123456789abcdef',
} as const;
export const testKeyRing = () =>
  createApiKeyRing(Object.entries(TEST_KEYS).map(([tenant, key]) => ({ tenant, key })));

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-11-21T12:00:00Z')): {
  now(): number;
  advance(ms: number): void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

function brief(
  id: string,
  action: string,
  type: string,
  risk: PlaybookBrief['risk'],
  clouds = ['aws', 'azure', 'gcp'],
): PlaybookBrief {
  return {
    id,
    name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    description: `${action} ${type} resources`,
    version: '1.0.0',
    state: 'ready',
    risk,
    applicability: { clouds, resourceTypes: [type], actions: [action] } as PlaybookBrief['applicability'],
    keywords: [],
    steps: [{ id: action, action: `${type}.${action}` }],
  };
}

/** A small global catalogue. */
export const TEST_CATALOG: PlaybookCandidate[] = [
  brief('stop-compute-instance', 'stop', 'compute.instance', 'medium'),
  brief('stop-database-instance', 'stop', 'database.instance', 'medium'),
  brief('start-compute-instance', 'start', 'compute.instance', 'low'),
  brief('delete-compute-instance', 'delete', 'compute.instance', 'high'),
].map((summary) => ({ summary, source: 'global' as const }));

/** A parser stand-in with a fixed reading, so these tests do not depend on parseIntent's grammar. */
export const fixedParser =
  (intent: Record<string, unknown>): IntentParser =>
  () => ({ intent, confidence: 0.9, unsure: [] });

/** A valid request body. */
export function askBody(overrides: Partial<AskRequestInput> = {}): AskRequestInput {
  return {
    request: 'stop the dev VMs in us-east-1',
    context: {
      resourceCount: 40,
      types: { 'compute.instance': 12, 'database.instance': 3 },
      clouds: { aws: 30, gcp: 10 },
      regions: { 'us-east-1': 25, 'europe-west3': 15 },
      environments: { dev: 20, prod: 20 },
      tagKeys: ['env', 'owner'],
      names: ['payments-api', 'orders-db'],
    },
    ...overrides,
  };
}
