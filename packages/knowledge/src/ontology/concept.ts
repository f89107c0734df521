import type { Action, Cloud, Environment, ResourceType } from '@escher/protocol';
import type { AttributeFlag } from './flags.ts';
import type { Engine } from './engines.ts';

/**
 * One meaning a phrase can carry. Search turns concepts into filters and boosts; the intelligence
 * server fills intent slots from them (SPEC section 4: `{ action, resourceType, cloud, region,
 * environment, state, … }`).
 */
export type Concept =
  /** Several types for family words (`iam` → iam.user, iam.role). */
  | { kind: 'type'; value: readonly ResourceType[] }
  | { kind: 'cloud'; value: Cloud }
  /** Region codes across clouds: `Frankfurt` → eu-central-1, germanywestcentral, europe-west3. */
  | { kind: 'region'; value: readonly string[] }
  | { kind: 'zone'; value: string }
  | { kind: 'environment'; value: Environment }
  /** Normalised states (`down` → stopped). */
  | { kind: 'state'; value: readonly string[] }
  | { kind: 'engine'; value: Engine }
  | { kind: 'flag'; value: AttributeFlag }
  | { kind: 'action'; value: Action };

export type ConceptKind = Concept['kind'];

/**
 * How safely a phrase can be taken to mean its concept in free text:
 * - `strong`: always ("production", "Frankfurt", "stopped", "k8s") — search narrows to it;
 * - `weak`: usually ("server", "cluster", "postgres" for a database engine) — search favours it;
 * - `structured`: only where a concept is expected, e.g. after `state:` ("on", "up", "down") or
 *   written in capitals ("US") — in lower-case free text it is an ordinary word.
 */
export type Strength = 'strong' | 'weak' | 'structured';

/** One meaning of a lexicon phrase and how strongly the phrase carries it. */
export interface Sense {
  concept: Concept;
  strength: Strength;
}

/** A stable string for a concept, for de-duplication and as a map key. */
export function conceptKey(concept: Concept): string {
  const value = Array.isArray(concept.value) ? [...concept.value].sort().join(',') : String(concept.value);
  return `${concept.kind}:${value}`;
}
