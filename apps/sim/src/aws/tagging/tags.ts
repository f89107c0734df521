import type { Environment } from '@escher/protocol';
import { InvalidPageToken } from '../../core/paginate.ts';
import type { Rng } from '../../core/rng.ts';
import type { ManifestBuilder } from '../../estate/manifest-builder.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { APPS, ENV_WEIGHTS } from '../../estate/naming.ts';
import { generateTags, isTagged } from '../../estate/tags.ts';

/** AWS tags as the simulator keeps them: insertion-ordered key → value. */
export type TagMap = Record<string, string>;

/** What a generated resource is for: its environment, application and tags. */
export interface ResourceLabels {
  env: Environment;
  app: string;
  tags: TagMap;
}

/**
 * Draws a resource's environment, app and tags (messy spellings included). A share of resources
 * (`resource.untagged`'s rate) lacks the env or owner tag; `recordUntagged` puts those in the
 * manifest once their ARN is known.
 */
export function drawLabels(rng: Rng, app?: string): ResourceLabels {
  const env = rng.weighted(ENV_WEIGHTS);
  const chosen = app ?? rng.pick(APPS);
  const untagged = rng.chance(MISCONFIG_RATES['resource.untagged']);
  return { env, app: chosen, tags: generateTags(rng, { env, app: chosen, untagged }, 'aws') };
}

/** Records `resource.untagged` for `arn` when its tags miss the env or owner key. */
export function recordUntagged(manifest: ManifestBuilder, arn: string, tags: TagMap): void {
  if (!isTagged(tags)) manifest.misconfig('resource.untagged', arn);
}

/** `[{ Key, Value }]`, the shape RDS, EC2-style JSON, S3 and the Tagging API use. */
export function tagList(tags: TagMap): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Sets a tag without letting a key such as `__proto__` reach the prototype (tag keys are user
 * input).
 */
export function setTag(tags: TagMap, key: string, value: string): void {
  Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Runs `page` and turns the simulator's InvalidPageToken into the service's own error for a token
 * it did not issue (KMS InvalidMarkerException, Lambda InvalidParameterValueException, …).
 */
export function withTokenError<T>(page: () => T, error: () => Error): T {
  try {
    return page();
  } catch (e) {
    if (e instanceof InvalidPageToken) throw error();
    throw e;
  }
}
