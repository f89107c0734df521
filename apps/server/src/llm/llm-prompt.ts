import { ATTRIBUTE_FLAGS } from '@escher/knowledge';
import {
  ACTIONS,
  CLOUDS,
  ENVIRONMENTS,
  RESOURCE_STATES,
  RESOURCE_TYPES,
  type ContextSummary,
  type Intent,
} from '@escher/protocol';

/** What the model is shown: the request, the counts, and the parser's own reading and doubts. */
export interface ModelPromptInput {
  request: string;
  context: ContextSummary;
  now: Date;
  /** The deterministic reading, for the model to correct rather than start from nothing. */
  reading: Intent;
  /** The parser's `slot: why` doubts; what the model is really asked about. */
  unsure: readonly string[];
}

/** At most this many of the context's names go to the model, and only those the request mentions. */
const MAX_NAMES = 50;
const MAX_TAG_KEYS = 100;

/**
 * The fixed instructions: the ontology's closed vocabularies, so a well-behaved model answers
 * with values the rest of Escher understands (the answer is still checked, never trusted).
 */
export const MODEL_SYSTEM_PROMPT = [
  'You read one request to a multi-cloud operations tool and answer with its intent as one JSON object.',
  'Fields: action, resourceType, cloud, account, region, environment, tags, state, names, conditions, params.',
  `action is one of: ${ACTIONS.join(', ')}.`,
  `resourceType is one of: ${RESOURCE_TYPES.join(', ')}; or null.`,
  `cloud is one of: ${CLOUDS.join(', ')}; or null. environment is one of: ${ENVIRONMENTS.join(', ')}; or null.`,
  `state is one of: ${RESOURCE_STATES.join(', ')}; or null.`,
  'region is a region code (us-east-1, westus2, europe-west3), a list of codes for a group of places, or null.',
  'tags maps tag keys to values the request names; names lists resource names the request names.',
  `conditions: {"kind":"flag","flag":one of ${ATTRIBUTE_FLAGS.join('|')},"negated":bool}, {"kind":"tag","key","negated"}, ` +
    '{"kind":"field","field","op","value"}, {"kind":"text","text","negated"}.',
  'params: tags (to set), tagKeys (to remove), size, count, limit, orderBy, threshold, period {from,to,label}, groupBy.',
  'The parser reading is usually right; change only what the request clearly says otherwise, mostly the slots it was unsure of.',
  'Use only names and regions that appear in the request or in the estate summary. Answer with JSON only.',
].join('\n');

/**
 * The user message. Only secret-free summaries leave the server: counts by type, cloud, region
 * and environment, tag keys (never values), and of the names and account aliases only those the
 * request itself mentions — the model never sees the rest of the estate's vocabulary.
 */
export function buildModelPrompt(input: ModelPromptInput): string {
  const lower = input.request.toLowerCase();
  const mentioned = (values: readonly string[]): string[] =>
    values.filter((v) => lower.includes(v.toLowerCase())).slice(0, MAX_NAMES);
  const estate = {
    resourceCount: input.context.resourceCount,
    types: input.context.types,
    clouds: input.context.clouds,
    regions: input.context.regions,
    environments: input.context.environments,
    tagKeys: input.context.tagKeys.slice(0, MAX_TAG_KEYS),
    namesMentioned: mentioned(input.context.names),
    accountsMentioned: mentioned(input.context.accounts),
  };
  return JSON.stringify({
    request: input.request,
    today: input.now.toISOString().slice(0, 10),
    estate,
    parserReading: input.reading,
    parserUnsure: input.unsure,
  });
}
