import {
  MUTATING_ACTIONS,
  type Action,
  type Cloud,
  type Environment,
  type IntentCondition,
  type RequestIntent,
} from '@escher/protocol';
import { regionInfo } from '../ontology/regions/regions.ts';
import { phraseWords, singular } from '../text/phrase.ts';
import { markUnsure, type IntentDraft } from './intent-draft.ts';

// Service phrases people use loosely for any cloud's equivalent: they do not fix the cloud.
const LOOSE_SERVICE_PHRASES = new Set(['storage account', 'security group', 'sg', 'service account']);
const SECURITY_FLAGS = new Set(['public', 'unencrypted', 'encrypted', 'private', 'untagged']);
const QUESTION_LIST = /^(which|what are|search|find|get)$/;
/** Actions that later words may override when the lead was only "show"/"what is". */
const SOFT_LEADS: ReadonlySet<Action> = new Set(['list', 'describe']);
const MUTATING: ReadonlySet<Action> = new Set(MUTATING_ACTIONS);
const READ_OVERRIDES: ReadonlySet<Action> = new Set(['cost', 'count', 'check']);

function hasSelectors(d: IntentDraft): boolean {
  return (
    d.types.length + d.weakTypes.length + d.clouds.length + d.impliedClouds.length + d.regionSets.length >
      0 ||
    d.environments.length + d.states.length + d.names.length + d.conditions.length > 0 ||
    Object.keys(d.tags).length > 0 ||
    d.account !== undefined
  );
}

/** Picks the action from the lead verb, later action words and the shape of the request. */
function decideAction(d: IntentDraft): Action {
  const later = d.laterActions.find((a) => READ_OVERRIDES.has(a)) ?? d.laterActions[0];
  let action = d.action;
  if (action && SOFT_LEADS.has(action) && later && READ_OVERRIDES.has(later)) action = later;
  if (!action && later) {
    action = later;
    d.actionFrom = 'scan';
  }
  if (action === 'describe' && d.leadPhrase === 'what is' && d.names.length === 0) {
    action = hasSelectors(d) && d.leftovers.length === 0 ? 'list' : 'other';
  }
  if (!action) {
    if (!hasSelectors(d)) return 'other';
    d.actionFrom = 'question';
    if (d.names.length > 0 && d.types.length + d.weakTypes.length === 0 && !d.question) return 'describe';
    action = d.question && d.params.threshold ? 'count' : 'list';
  }
  const security = d.conditions.some((c) => c.kind === 'flag' && SECURITY_FLAGS.has(c.flag) && !c.negated);
  const asked = d.actionFrom !== 'lead' || QUESTION_LIST.test(d.leadPhrase ?? '');
  if (action === 'list' && d.question && security && asked) action = 'check';
  return action;
}

function decideCloud(d: IntentDraft): Cloud | undefined {
  if (d.clouds.length === 1) return d.clouds[0];
  if (d.clouds.length > 1) {
    d.conditions.push({ kind: 'field', field: 'cloud', op: '=', value: [...d.clouds] });
    return undefined;
  }
  const isLoose = (phrase: string): boolean =>
    LOOSE_SERVICE_PHRASES.has(phraseWords(phrase).map(singular).join(' '));
  const implied = [...new Set(d.impliedClouds.filter((i) => !isLoose(i.phrase)).map((i) => i.cloud))];
  if (implied.length === 1) return implied[0];
  const loose = d.impliedClouds.find((i) => isLoose(i.phrase));
  if (loose && implied.length === 0) markUnsure(d, 'cloud', `'${loose.phrase}' usually means ${loose.cloud}`);
  else if (implied.length > 1) markUnsure(d, 'cloud', `services of several clouds are named`);
  return undefined;
}

function decideRegion(
  d: IntentDraft,
  cloud: Cloud | undefined,
): { region?: string | string[]; cloud?: Cloud } {
  if (d.regionSets.length === 0) return { cloud };
  const codes = [...new Set(d.regionSets.flat())];
  if (cloud) {
    const own = codes.filter((code) => regionInfo(code, cloud));
    if (own.length === 0) {
      markUnsure(d, 'region', `no ${cloud} region is named`);
      return { region: codes.length === 1 ? codes[0]! : codes.sort(), cloud };
    }
    return { region: own.length === 1 ? own[0]! : own.sort(), cloud };
  }
  const clouds = new Set(codes.map((code) => (code === 'global' ? undefined : regionInfo(code)?.cloud)));
  const only = clouds.size === 1 ? [...clouds][0] : undefined;
  return { region: codes.length === 1 ? codes[0]! : codes.sort(), cloud: only };
}

/** Turns what was gathered into an intent, deciding each slot and noting what stayed unsure. */
export function assembleIntent(d: IntentDraft): RequestIntent {
  const action = decideAction(d);
  const types = d.types.length > 0 ? d.types : d.weakTypes;
  if (d.types.length === 0 && d.weakTypes.length > 1) markUnsure(d, 'resourceType', `several types fit`);
  const conditions: IntentCondition[] = d.conditions;
  // Several types ("vms and disks", "IAM") are one condition: the slot holds a single type.
  if (types.length > 1) conditions.push({ kind: 'field', field: 'type', op: '=', value: [...types] });
  const { region, cloud } = decideRegion(d, decideCloud(d));
  let environment: Environment | undefined = d.environments[0];
  if (d.environments.length > 1) {
    conditions.push({ kind: 'field', field: 'environment', op: '=', value: [...d.environments] });
    environment = undefined;
  }
  let state: string | null = d.states[0] ?? null;
  if (d.states.length > 1) {
    conditions.push({ kind: 'field', field: 'state', op: '=', value: [...d.states] });
    state = null;
  }
  if (action === 'other' && d.leftovers.length > 0) markUnsure(d, 'action', `no action word was recognised`);
  if (MUTATING.has(action) && !hasSelectors(d) && !d.pronoun) {
    markUnsure(d, 'targets', `nothing narrows which resources to ${action}`);
  }
  if (action === 'resize' && !d.params.size) markUnsure(d, 'params.size', 'no target size was given');
  if (action === 'scale' && d.params.count === undefined)
    markUnsure(d, 'params.count', 'no target count was given');
  if (action === 'tag' && !d.params.tags) markUnsure(d, 'params.tags', 'no tag to set was given');
  if (action === 'untag' && !d.params.tagKeys)
    markUnsure(d, 'params.tagKeys', 'no tag key to remove was given');
  const intent: RequestIntent = {
    action,
    tags: { ...d.tags },
    state,
    conditions,
    params: { ...d.params },
  };
  if (types.length === 1) intent.resourceType = types[0]!;
  if (cloud) intent.cloud = cloud;
  if (d.account) intent.account = d.account;
  if (region !== undefined) intent.region = region;
  if (environment) intent.environment = environment;
  if (d.names.length > 0) intent.names = [...d.names];
  return intent;
}

/** How sure the parse is: each undecided slot and each word nothing understood costs. */
export function confidenceOf(d: IntentDraft, intent: RequestIntent): number {
  let c = 1 - 0.15 * d.unsure.length - 0.04 * Math.min(d.leftovers.length, 5);
  if (intent.action === 'other') c = Math.min(c, 0.4);
  if (d.actionFrom === 'question' || d.actionFrom === 'scan') c -= 0.05;
  return Math.max(0.05, Math.round(c * 100) / 100);
}
