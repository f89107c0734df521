import type { Environment } from '@escher/protocol';
import type { Rng } from '../core/rng.ts';

export const APPS = [
  'payments',
  'orders',
  'checkout',
  'inventory',
  'search',
  'auth',
  'billing',
  'analytics',
  'catalog',
  'shipping',
  'notifications',
  'reporting',
  'ml-training',
  'datalake',
  'gateway',
  'cms',
  'crm',
  'etl',
  'ledger',
  'fraud',
  'recommendations',
  'pricing',
  'identity',
  'media',
  'support',
] as const;

export const TEAMS = [
  'payments',
  'platform',
  'data',
  'sre',
  'growth',
  'security',
  'core',
  'mobile',
  'ml',
  'finance',
] as const;

export const OWNERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'peggy',
  'trent',
  'victor',
  'walter',
] as const;

/** How each environment is spelt in names and tags, with the messiness real estates have. */
export const ENV_SPELLINGS: Readonly<Record<Environment, readonly (readonly [string, number])[]>> = {
  prod: [
    ['prod', 5],
    ['production', 3],
    ['prd', 2],
    ['Prod', 1],
    ['PRODUCTION', 1],
    ['live', 1],
  ],
  staging: [
    ['staging', 4],
    ['stage', 2],
    ['stg', 2],
    ['preprod', 1],
    ['Staging', 1],
  ],
  dev: [
    ['dev', 5],
    ['development', 2],
    ['develop', 1],
    ['Dev', 1],
  ],
  test: [
    ['test', 3],
    ['qa', 2],
    ['uat', 1],
    ['testing', 1],
    ['QA', 1],
  ],
};

/** Share of each environment in a typical estate. */
export const ENV_WEIGHTS: readonly (readonly [Environment, number])[] = [
  ['prod', 35],
  ['staging', 20],
  ['dev', 30],
  ['test', 15],
];

/** A short, name-safe spelling of an environment (`prd`, `stg`, `dev`, `qa`). */
export function envToken(rng: Rng, env: Environment): string {
  return rng.pick(ENV_SPELLINGS[env].map(([s]) => s.toLowerCase())).replace('production', 'prod');
}

/**
 * A realistic resource name: `payments-api-prd-03`, `orders-db`, `etl-worker-7`. Some names carry
 * the environment, some do not; numbering makes them unique within a scope via `seq`.
 */
export function resourceName(rng: Rng, app: string, role: string, env: Environment, seq: number): string {
  const parts = [app, role];
  if (rng.chance(0.55)) parts.push(envToken(rng, env));
  parts.push(String(seq).padStart(rng.chance(0.5) ? 2 : 1, '0'));
  return parts.join('-');
}
