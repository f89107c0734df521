import type { Environment } from '@escher/protocol';
import type { Rng } from '../core/rng.ts';
import { ENV_SPELLINGS, OWNERS, TEAMS } from './naming.ts';

export type TagStyle = 'aws' | 'azure' | 'gcp';

export interface TagInput {
  env: Environment;
  app: string;
  /** Generate without an env or an owner tag (the `resource.untagged` misconfiguration). */
  untagged: boolean;
}

const ENV_KEYS: readonly (readonly [string, number])[] = [
  ['env', 5],
  ['Environment', 4],
  ['environment', 2],
  ['stage', 1],
  ['Env', 1],
];
const OWNER_KEYS: readonly (readonly [string, number])[] = [
  ['owner', 5],
  ['Owner', 3],
];

/**
 * Tags with the variety real estates have: `env` vs `Environment` vs `stage`, `prod` vs
 * `production` vs `prd`, optional team / cost-center / app tags. An untagged resource lacks the env
 * tag or the owner tag (or both). GCP labels are lower-cased and restricted to `[a-z0-9_-]`.
 *
 * The rule the `resource.untagged` check follows: a resource is tagged when it has an env key
 * (env, environment or stage, any casing) and an owner key (owner, any casing).
 */
export function generateTags(rng: Rng, input: TagInput, style: TagStyle): Record<string, string> {
  const tags: Record<string, string> = {};
  const dropEnv = input.untagged && rng.chance(0.6);
  const dropOwner = input.untagged && (!dropEnv || rng.chance(0.3));
  if (!dropEnv) tags[rng.weighted(ENV_KEYS)] = rng.weighted(ENV_SPELLINGS[input.env]);
  if (!dropOwner) tags[rng.weighted(OWNER_KEYS)] = `${rng.pick(OWNERS)}@example.com`;
  if (rng.chance(0.7)) tags[rng.chance(0.5) ? 'team' : 'Team'] = rng.pick(TEAMS);
  if (rng.chance(0.5)) tags['app'] = input.app;
  if (rng.chance(0.3)) tags[rng.chance(0.5) ? 'cost-center' : 'CostCenter'] = `cc-${rng.int(100, 999)}`;
  if (rng.chance(0.1))
    tags['managed-by'] = rng.pick(['terraform', 'pulumi', 'cloudformation', 'bicep', 'manual']);
  if (style === 'gcp') return toGcpLabels(tags);
  return tags;
}

/** GCP label rules: lower-case keys and values of `[a-z0-9_-]`, at most 63 characters. */
export function toGcpLabels(tags: Record<string, string>): Record<string, string> {
  const clean = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '_')
      .slice(0, 63);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[clean(k)] = clean(v);
  return out;
}

/** Whether tags satisfy the required-tag rule above. */
export function isTagged(tags: Record<string, string>): boolean {
  const keys = Object.keys(tags).map((k) => k.toLowerCase());
  return keys.some((k) => k === 'env' || k === 'environment' || k === 'stage') && keys.includes('owner');
}
