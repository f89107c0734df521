import { ENVIRONMENT_SYNONYMS, type Environment } from './vocabulary.ts';

const TAG_KEYS = ['env', 'environment', 'stage', 'tier', 'env-name', 'envname'];
const bySynonym = new Map<string, Environment>();
for (const [env, words] of Object.entries(ENVIRONMENT_SYNONYMS) as [Environment, readonly string[]][]) {
  for (const word of words) bySynonym.set(word, env);
}

/** Normalises one environment word (`Production`, `prd`, `QA`) to its SPEC environment. */
export function normaliseEnvironment(word: string): Environment | undefined {
  return bySynonym.get(word.trim().toLowerCase());
}

/**
 * Derives a resource's environment from its tags (env / Environment / stage …, any casing), else
 * from a token of its name (`payments-prd-db-1`). Returns undefined when nothing says.
 */
export function deriveEnvironment(tags: Record<string, string>, name = ''): Environment | undefined {
  for (const [key, value] of Object.entries(tags)) {
    if (TAG_KEYS.includes(key.toLowerCase())) {
      const env = normaliseEnvironment(value);
      if (env) return env;
    }
  }
  for (const token of name.toLowerCase().split(/[^a-z0-9]+/)) {
    const env = bySynonym.get(token);
    if (env) return env;
  }
  return undefined;
}
