import type { Action, Cloud, Environment, IntentCondition, ResourceType } from '@escher/protocol';
import type { ConceptKind, Sense } from '../ontology/concept.ts';
import type { FilterExpr } from '../filter/filter.types.ts';
import { formatFilter } from '../filter/format.ts';
import { regionInfo } from '../ontology/regions/regions.ts';
import { phraseKey } from '../text/phrase.ts';
import type { QuerySegment } from '../query/match-concepts.ts';
import { addOnce, markUnsure, type IntentDraft } from './intent-draft.ts';
import { looksLikeName } from './intent-extract.ts';

// A negated phrase with several senses negates the most specific ("not postgres" → the engine).
const NEGATION_ORDER: readonly ConceptKind[] = [
  'engine',
  'flag',
  'environment',
  'state',
  'zone',
  'region',
  'cloud',
  'type',
];
const PRONOUNS = /^(them|those|these|they|it|ones|one|same)$/;
// Words that select everything: nothing to narrow, nothing left unread.
const EVERYTHING = /^(everything|all|anything|stuff|things|each|every)$/;

// Everyday adjectives before a type noun that do not name anything ("old snapshots").
const PLAIN_ADJECTIVES = new Set(
  'old older new newer big bigger small large huge tiny current existing remaining extra same other following specific few many several entire whole cheap slow fast main primary secondary some each both'.split(
    ' ',
  ),
);

/**
 * Reads the scan in order. An unknown word right before a type noun names it loosely ("the
 * payments cluster", "the logs bucket"): a text condition on name, id and tag values.
 */
export function readSegments(segments: readonly QuerySegment[], draft: IntentDraft, source: string): void {
  segments.forEach((segment, i) => {
    const prev = segments[i - 1];
    if (
      segment.kind === 'concept' &&
      !segment.negated &&
      segment.senses.some((s) => s.concept.kind === 'type' && s.strength !== 'structured') &&
      prev?.kind === 'word' &&
      !prev.quoted &&
      !prev.negated &&
      !PLAIN_ADJECTIVES.has(prev.word) &&
      draft.leftovers[draft.leftovers.length - 1] === prev.word
    ) {
      draft.leftovers.pop();
      draft.conditions.push({ kind: 'text', text: prev.word, negated: false });
    }
    readSegment(segment, draft, source);
  });
}

/** Fills the draft from one segment of matchConcepts' scan. */
export function readSegment(segment: QuerySegment, draft: IntentDraft, source: string): void {
  switch (segment.kind) {
    case 'concept':
      readConcept(segment, draft, source.slice(segment.offset, segment.offset + segment.text.length + 4));
      return;
    case 'filter':
      readFilter(segment.expr, segment.text, draft);
      return;
    case 'tag':
      if (draft.action === 'untag' && !segment.negated) {
        draft.params.tagKeys = [...(draft.params.tagKeys ?? []), segment.key];
      } else {
        draft.conditions.push({ kind: 'tag', key: segment.key, negated: segment.negated });
      }
      return;
    case 'word':
      if (segment.quoted) addOnce(draft.names, segment.text);
      else if (segment.negated) draft.conditions.push({ kind: 'text', text: segment.text, negated: true });
      else if (looksLikeName(segment.text)) addOnce(draft.names, segment.text);
      else if (PRONOUNS.test(segment.word)) draft.pronoun = true;
      else if (EVERYTHING.test(segment.word)) return;
      else draft.leftovers.push(segment.word);
      return;
    default:
      if (segment.kind === 'stopword' && /^(those|these|it|them)$/i.test(segment.text)) draft.pronoun = true;
      return;
  }
}

function usableSenses(segment: Extract<QuerySegment, { kind: 'concept' }>): Sense[] {
  const shouted =
    segment.text.length >= 2 && segment.text === segment.text.toUpperCase() && /[A-Z]/.test(segment.text);
  return segment.senses
    .map((s): Sense => (s.strength === 'structured' && shouted ? { ...s, strength: 'strong' } : s))
    .filter((s) => s.strength !== 'structured');
}

function readConcept(
  segment: Extract<QuerySegment, { kind: 'concept' }>,
  draft: IntentDraft,
  raw: string,
): void {
  const senses = usableSenses(segment);
  if (senses.length === 0) {
    draft.leftovers.push(segment.phrase);
    return;
  }
  if (segment.negated) {
    const kind = NEGATION_ORDER.find((k) => senses.some((s) => s.concept.kind === k));
    for (const sense of senses.filter((s) => s.concept.kind === kind)) negate(sense, draft);
    return;
  }
  const others = senses.filter((s) => s.concept.kind !== 'action');
  const action = senses.find((s) => s.concept.kind === 'action');
  // Mid-sentence, a phrase that is also a type or state is that ("snapshots", "shut down").
  if (action && others.length === 0) draft.laterActions.push(action.concept.value as Action);
  for (const { concept, strength } of others) {
    switch (concept.kind) {
      case 'type':
        addOnce(strength === 'strong' ? draft.types : draft.weakTypes, ...concept.value);
        break;
      case 'cloud':
        if (strength === 'strong') addOnce(draft.clouds, concept.value);
        else draft.impliedClouds.push({ cloud: concept.value, phrase: segment.phrase });
        break;
      case 'region':
        draft.regionSets.push(ownSpelling(raw, segment.phrase, concept.value));
        break;
      case 'zone':
        draft.conditions.push({ kind: 'field', field: 'zone', op: '=', value: concept.value });
        break;
      case 'environment':
        addOnce(draft.environments, concept.value);
        break;
      case 'state':
        if (strength === 'strong') addOnce(draft.states, ...concept.value);
        break;
      case 'engine':
        if (!hasCondition(draft, 'engine')) {
          draft.conditions.push({ kind: 'field', field: 'engine', op: '=', value: concept.value });
        }
        break;
      case 'flag':
        if (!draft.conditions.some((c) => c.kind === 'flag' && c.flag === concept.value)) {
          draft.conditions.push({ kind: 'flag', flag: concept.value, negated: false });
          if (strength === 'weak')
            markUnsure(draft, 'conditions', `'${segment.text}' may mean ${concept.value}`);
        }
        break;
      default:
        break;
    }
  }
}

/**
 * A cloud's own abbreviated spelling names that cloud's region: "N. Virginia" is AWS's us-east-1
 * (SPEC section 4), though Google's us-east4 is in Northern Virginia too.
 */
function ownSpelling(raw: string, phrase: string, codes: readonly string[]): string[] {
  if (!/^\S+\.\s/.test(raw)) return [...codes];
  const own = codes.filter((code) => {
    const name = regionInfo(code)?.name ?? '';
    return phraseKey(name) === phrase || phraseKey(/\(([^)]+)\)/.exec(name)?.[1] ?? '') === phrase;
  });
  return own.length > 0 ? own : [...codes];
}

function hasCondition(draft: IntentDraft, field: string): boolean {
  return draft.conditions.some((c) => c.kind === 'field' && c.field === field);
}

function negate({ concept }: Sense, draft: IntentDraft): void {
  const not = (field: string, value: string | readonly string[]): IntentCondition => ({
    kind: 'field',
    field,
    op: '!=',
    value: typeof value === 'string' ? value : [...value],
  });
  switch (concept.kind) {
    case 'flag':
      draft.conditions.push({ kind: 'flag', flag: concept.value, negated: true });
      return;
    case 'environment':
      draft.conditions.push(not('environment', concept.value));
      return;
    case 'cloud':
      draft.conditions.push(not('cloud', concept.value));
      return;
    case 'engine':
      draft.conditions.push(not('engine', concept.value));
      return;
    case 'zone':
      draft.conditions.push(not('zone', concept.value));
      return;
    case 'region':
    case 'state':
    case 'type':
      draft.conditions.push(not(concept.kind, concept.value));
      return;
    default:
      return;
  }
}

/** Filter syntax written in the request: tags and core fields fill slots, the rest stays a condition. */
function readFilter(expr: FilterExpr, text: string, draft: IntentDraft): void {
  if (expr.kind === 'flag') {
    draft.conditions.push({ kind: 'flag', flag: expr.flag, negated: false });
    return;
  }
  if (expr.kind === 'exists' && (expr.field.kind === 'tag' || expr.field.kind === 'key')) {
    draft.conditions.push({ kind: 'tag', key: expr.field.key, negated: false });
    return;
  }
  if (
    expr.kind === 'compare' &&
    expr.number !== undefined &&
    expr.field.kind === 'core' &&
    (expr.field.name === 'cost' || expr.field.name === 'createdAt') &&
    expr.op !== '=' &&
    expr.op !== '!=' &&
    expr.op !== '~'
  ) {
    const value = expr.field.name === 'cost' ? expr.number : new Date(expr.number).toISOString();
    draft.conditions.push({ kind: 'field', field: expr.field.name, op: expr.op, value });
    return;
  }
  if (expr.kind !== 'compare' || expr.op !== '=' || expr.glob) {
    draft.conditions.push({ kind: 'filter', expression: formatFilter(expr) || text });
    return;
  }
  const field = expr.field;
  if (field.kind === 'tag' || field.kind === 'key') {
    draft.tags[field.key] = expr.value;
    return;
  }
  if (field.kind !== 'core') {
    draft.conditions.push({ kind: 'filter', expression: formatFilter(expr) || text });
    return;
  }
  switch (field.name) {
    case 'cloud':
      addOnce(draft.clouds, ...(expr.values as Cloud[]));
      return;
    case 'environment':
      addOnce(draft.environments, ...(expr.values as Environment[]));
      return;
    case 'type':
      addOnce(draft.types, ...(expr.values as ResourceType[]));
      return;
    case 'region':
      draft.regionSets.push([...expr.values]);
      return;
    case 'state':
      addOnce(draft.states, ...expr.values);
      return;
    case 'account':
      draft.account = expr.value;
      return;
    case 'name':
      addOnce(draft.names, expr.value);
      return;
    default:
      draft.conditions.push({
        kind: 'field',
        field: field.name,
        op: '=',
        value: expr.values.length > 1 ? [...expr.values] : expr.value,
      });
  }
}
