import {
  ACTIONS,
  CLOUDS,
  ENVIRONMENT_SYNONYMS,
  NATIVE_TYPES,
  RESOURCE_TYPES,
  type Action,
  type Cloud,
  type Environment,
  type ResourceState,
  type ResourceType,
} from '@escher/protocol';
import { phraseKey, phraseWords, singular } from '../text/phrase.ts';
import { ACTION_SYNONYMS } from './actions.ts';
import { CLOUD_SYNONYMS, STRUCTURED_CLOUD_SYNONYMS } from './clouds.ts';
import { conceptKey, type Concept, type Sense, type Strength } from './concept.ts';
import { ENGINE_SYNONYMS, ENGINES, type Engine } from './engines.ts';
import { ATTRIBUTE_FLAGS, FLAG_SYNONYMS } from './flags.ts';
import { regionPhrases } from './regions/regions.ts';
import { TYPE_TERMS } from './resource-types.ts';
import { STATE_SYNONYMS } from './states.ts';

const RANK: Readonly<Record<Strength, number>> = { strong: 3, weak: 2, structured: 1 };

class LexiconBuilder {
  readonly entries = new Map<string, Map<string, Sense>>();

  add(phrase: string, concept: Concept, strength: Strength): void {
    const key = phraseKey(phrase);
    if (!key) return;
    const senses = this.entries.get(key) ?? new Map<string, Sense>();
    const id = conceptKey(concept);
    const existing = senses.get(id);
    if (!existing || RANK[strength] > RANK[existing.strength]) senses.set(id, { concept, strength });
    this.entries.set(key, senses);
  }
}

const cloudWords = new Map<string, Cloud>();
for (const cloud of CLOUDS) {
  for (const word of [...CLOUD_SYNONYMS[cloud], cloud]) if (!word.includes(' ')) cloudWords.set(word, cloud);
}
const engineWords = new Map<string, Engine>();
for (const engine of ENGINES) {
  for (const word of ENGINE_SYNONYMS[engine]) if (!word.includes(' ')) engineWords.set(word, engine);
}

/** A service name names its type; its cloud explicitly when it says so ("Azure SQL"), else by implication. */
function addService(builder: LexiconBuilder, type: ResourceType, cloud: Cloud, name: string): void {
  builder.add(name, { kind: 'type', value: [type] }, 'strong');
  const words = phraseWords(name);
  const explicit = words.some((w) => cloudWords.get(w) === cloud);
  builder.add(name, { kind: 'cloud', value: cloud }, explicit ? 'strong' : 'weak');
  for (const word of words) {
    const engine = engineWords.get(word);
    if (engine) builder.add(name, { kind: 'engine', value: engine }, 'weak');
  }
}

function build(): Map<string, readonly Sense[]> {
  const b = new LexiconBuilder();
  for (const type of RESOURCE_TYPES) {
    const terms = TYPE_TERMS[type];
    const concept: Concept = { kind: 'type', value: [type] };
    b.add(type, concept, 'strong');
    b.add(terms.label, concept, 'strong');
    for (const word of terms.words) b.add(word, concept, 'strong');
    for (const word of terms.weakWords) b.add(word, concept, 'weak');
    for (const cloud of CLOUDS) {
      for (const service of terms.services[cloud]) addService(b, type, cloud, service);
      for (const native of NATIVE_TYPES[type][cloud]) {
        b.add(native, concept, 'strong');
        b.add(native, { kind: 'cloud', value: cloud }, 'strong');
      }
    }
  }
  b.add('iam', { kind: 'type', value: ['iam.user', 'iam.role'] }, 'strong');
  for (const cloud of CLOUDS) {
    for (const word of [cloud, ...CLOUD_SYNONYMS[cloud]])
      b.add(word, { kind: 'cloud', value: cloud }, 'strong');
    for (const word of STRUCTURED_CLOUD_SYNONYMS[cloud])
      b.add(word, { kind: 'cloud', value: cloud }, 'structured');
  }
  for (const { phrase, codes, strength } of regionPhrases())
    b.add(phrase, { kind: 'region', value: codes }, strength);
  for (const [env, words] of Object.entries(ENVIRONMENT_SYNONYMS) as [Environment, readonly string[]][]) {
    for (const word of words) b.add(word, { kind: 'environment', value: env }, 'strong');
  }
  for (const [state, words] of Object.entries(STATE_SYNONYMS) as [
    ResourceState,
    typeof STATE_SYNONYMS.running,
  ][]) {
    const concept: Concept = { kind: 'state', value: [state] };
    b.add(state, concept, 'strong');
    for (const word of words.strong) b.add(word, concept, 'strong');
    for (const word of words.structured) b.add(word, concept, 'structured');
  }
  for (const engine of ENGINES) {
    for (const word of ENGINE_SYNONYMS[engine]) {
      b.add(word, { kind: 'engine', value: engine }, 'weak');
      // An engine word alone ("postgres") is asked of databases.
      b.add(word, { kind: 'type', value: ['database.instance'] }, 'weak');
    }
  }
  for (const flag of ATTRIBUTE_FLAGS) {
    for (const word of FLAG_SYNONYMS[flag].strong) b.add(word, { kind: 'flag', value: flag }, 'strong');
    for (const word of FLAG_SYNONYMS[flag].weak) b.add(word, { kind: 'flag', value: flag }, 'weak');
  }
  for (const action of ACTIONS) {
    if (action === 'other') continue;
    for (const word of [action, ...ACTION_SYNONYMS[action]])
      b.add(word, { kind: 'action', value: action }, 'strong');
  }
  const lexicon = new Map<string, readonly Sense[]>();
  for (const [phrase, senses] of b.entries) lexicon.set(phrase, [...senses.values()]);
  return lexicon;
}

const LEXICON = build();
const MAX_PHRASE_WORDS = Math.max(...[...LEXICON.keys()].map((k) => k.split(' ').length));
const VOCABULARY: ReadonlySet<string> = new Set([...LEXICON.keys()].flatMap((k) => k.split(' ')));

/**
 * The meanings of a phrase (any casing, punctuation, plural): `lookupPhrase('Cloud SQL')` →
 * database.instance (strong) and gcp (weak); `lookupPhrase('snapshot')` → the compute.snapshot
 * type and the `snapshot` action. Empty when the ontology does not know the phrase.
 */
export function lookupPhrase(phrase: string): readonly Sense[] {
  const words = phraseWords(phrase);
  const key = words.join(' ');
  const exact = LEXICON.get(key);
  if (exact) return exact;
  if (words.length === 0) return [];
  const last = words[words.length - 1]!;
  const folded = singular(last);
  if (folded === last) return [];
  return LEXICON.get([...words.slice(0, -1), folded].join(' ')) ?? [];
}

/** The concepts of one kind a phrase can mean, strongest first. */
export function conceptsOf<K extends Concept['kind']>(
  phrase: string,
  kind: K,
): Extract<Concept, { kind: K }>[] {
  return lookupPhrase(phrase)
    .filter((s) => s.concept.kind === kind)
    .sort((a, b) => RANK[b.strength] - RANK[a.strength])
    .map((s) => s.concept as Extract<Concept, { kind: K }>);
}

/** Every phrase of the ontology with its senses (for tests, documentation and index tooling). */
export function lexiconEntries(): Iterable<[phrase: string, senses: readonly Sense[]]> {
  return LEXICON.entries();
}

/** The longest phrase of the lexicon, in words: how far a phrase matcher must look ahead. */
export const LEXICON_MAX_PHRASE_WORDS = MAX_PHRASE_WORDS;

/**
 * Every single word of the ontology (lower-case): the words the typo corrector knows are real
 * and may correct towards.
 */
export function ontologyVocabulary(): ReadonlySet<string> {
  return VOCABULARY;
}

/** The action words of an action; exported for the server's intent parser. */
export function actionWords(action: Exclude<Action, 'other'>): readonly string[] {
  return [action, ...ACTION_SYNONYMS[action]];
}
