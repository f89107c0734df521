import type {
  Action,
  Cloud,
  Environment,
  IntentCondition,
  IntentParams,
  ResourceType,
} from '@escher/protocol';

/** What the parser has gathered so far; turned into a RequestIntent at the end. */
export interface IntentDraft {
  action?: Action;
  /** How the action was found: a leading verb is surer than a word in the middle. */
  actionFrom?: 'lead' | 'pattern' | 'scan' | 'question' | 'previous';
  /** The verb phrase the action was read from ("how many", "which"). */
  leadPhrase?: string;
  /** Actions named later in the request ("What is our *spend* …"), in order. */
  laterActions: Action[];
  types: ResourceType[];
  weakTypes: ResourceType[];
  clouds: Cloud[];
  /** Clouds only implied by a service name ("RDS" → aws), with the phrase. */
  impliedClouds: { cloud: Cloud; phrase: string }[];
  /** Region code sets, one per place named ("Frankfurt", "eu-west-1"). */
  regionSets: string[][];
  account?: string;
  environments: Environment[];
  states: string[];
  tags: Record<string, string>;
  names: string[];
  conditions: IntentCondition[];
  params: IntentParams;
  unsure: string[];
  /** Words nothing understood, in order (for `other` and for the LLM fallback). */
  leftovers: string[];
  /** Written as a question ("Which …?", "Are any …", "Is anything …"). */
  question: boolean;
  /** Refers back to the previous turn ("them", "those", "the same ones"). */
  pronoun: boolean;
}

export function emptyDraft(): IntentDraft {
  return {
    laterActions: [],
    types: [],
    weakTypes: [],
    clouds: [],
    impliedClouds: [],
    regionSets: [],
    environments: [],
    states: [],
    tags: {},
    names: [],
    conditions: [],
    params: {},
    unsure: [],
    leftovers: [],
    question: false,
    pronoun: false,
  };
}

/** Adds a value to a list once. */
export function addOnce<T>(list: T[], ...values: readonly T[]): void {
  for (const value of values) if (!list.includes(value)) list.push(value);
}

/** Records that a slot could not be decided, with why, once per slot. */
export function markUnsure(draft: IntentDraft, slot: string, why: string): void {
  if (!draft.unsure.some((u) => u.startsWith(`${slot}:`))) draft.unsure.push(`${slot}: ${why}`);
}
