import {
  CLOUDS,
  ENVIRONMENTS,
  RESOURCE_STATES,
  RESOURCE_TYPES,
  normaliseEnvironment,
  resourceTypeOfNative,
  type Cloud,
  type Environment,
  type ResourceType,
} from '@escher/protocol';
import { ATTRIBUTE_FLAGS, type AttributeFlag } from './flags.ts';
import { ENGINES, normaliseEngine, type Engine } from './engines.ts';
import { conceptsOf } from './lexicon.ts';
import { regionInfo, regionsNamed } from './regions/regions.ts';

/*
 * Resolvers for one slot each: what a value written after `type:`, `cloud:`, `region:` … means.
 * They accept structured-only words too ("state:down"), because the slot says what is meant.
 */

/**
 * The types a word names: a type id (`database.instance`), a family prefix (`database`,
 * `network` → every network.* type), a native type (`AWS::RDS::DBInstance`,
 * `microsoft.compute/virtualmachines`) or any synonym (`vm`, `RDS`, `k8s`, `Cloud SQL`).
 *
 * @example resolveTypes('database') // ['database.instance']
 */
export function resolveTypes(value: string): ResourceType[] | undefined {
  const word = value.trim().toLowerCase();
  if ((RESOURCE_TYPES as readonly string[]).includes(word)) return [word as ResourceType];
  const family = RESOURCE_TYPES.filter((t) => t.startsWith(`${word}.`));
  if (family.length > 0) return family;
  const native = resourceTypeOfNative(word);
  if (native) return [native];
  const types = conceptsOf(value, 'type');
  return types.length > 0 ? [...new Set(types.flatMap((c) => c.value))] : undefined;
}

/** The cloud a word names (`amazon` → aws, `google cloud` → gcp). */
export function resolveCloud(value: string): Cloud | undefined {
  const word = value.trim().toLowerCase();
  if ((CLOUDS as readonly string[]).includes(word)) return word as Cloud;
  return conceptsOf(value, 'cloud')[0]?.value;
}

/**
 * The region codes a value names: a known code as itself, else names, places, countries and groups
 * (`frankfurt`, `"West US 2"`, `europe`). Undefined when nothing is known by that name.
 */
export function resolveRegions(value: string): string[] | undefined {
  const known = regionInfo(value);
  if (known) {
    // `us`, `eu`, `asia` are GCS multi-region codes *and* group words: mean both.
    const named = regionsNamed(value);
    return [...new Set([known.code, ...named])];
  }
  const named = regionsNamed(value);
  return named.length > 0 ? named : undefined;
}

/** The environment a word names (`production`, `prd`, `live` → prod). */
export function resolveEnvironment(value: string): Environment | undefined {
  const word = value.trim().toLowerCase();
  if ((ENVIRONMENTS as readonly string[]).includes(word)) return word as Environment;
  return normaliseEnvironment(word) ?? conceptsOf(value, 'environment')[0]?.value;
}

/** The normalised states a word names (`up` → running, `off` → stopped). */
export function resolveStates(value: string): string[] | undefined {
  const word = value.trim().toLowerCase();
  if ((RESOURCE_STATES as readonly string[]).includes(word)) return [word];
  const states = conceptsOf(value, 'state');
  return states.length > 0 ? [...new Set(states.flatMap((c) => c.value))] : undefined;
}

/** The engine a word or engine id names (`postgresql`, `pg`, `POSTGRES_15`, `aurora-mysql`). */
export function resolveEngine(value: string): Engine | undefined {
  const word = value.trim().toLowerCase();
  if ((ENGINES as readonly string[]).includes(word)) return word as Engine;
  return normaliseEngine(word) ?? conceptsOf(value, 'engine')[0]?.value;
}

/** The attribute flag a word names (`exposed` → public, `orphaned` → unattached). */
export function resolveFlag(value: string): AttributeFlag | undefined {
  const word = value.trim().toLowerCase();
  if ((ATTRIBUTE_FLAGS as readonly string[]).includes(word)) return word as AttributeFlag;
  return conceptsOf(value, 'flag')[0]?.value;
}
