import { CLOUDS, ENVIRONMENT_SYNONYMS, type Resource } from '@escher/protocol';
import { CLOUD_NAMES, CLOUD_SYNONYMS } from '../ontology/clouds.ts';
import { ENGINE_SYNONYMS, normaliseEngine } from '../ontology/engines.ts';
import { ATTRIBUTE_FLAGS, hasFlag } from '../ontology/flags.ts';
import { regionInfo, regionNames, zoneRegion } from '../ontology/regions/regions.ts';
import { GEOGRAPHY_GROUPS } from '../ontology/regions/geography.ts';
import { TYPE_TERMS } from '../ontology/resource-types.ts';
import { STATE_SYNONYMS } from '../ontology/states.ts';
import { splitIdentifier } from '../text/analyze.ts';
import { foldAccents } from '../text/phrase.ts';
import { attributeWords } from './attribute-words.ts';
import {
  DOCUMENT_FIELDS,
  MAX_TAGS_FIELD_CHARS,
  MAX_TAG_VALUE_CHARS,
  type DocumentField,
} from './document-fields.ts';

/** The searchable text of one resource, field by field (see DOCUMENT_FIELD_WEIGHTS). */
export interface ResourceDocument {
  /** The resource id, to join hits back to resources. */
  id: string;
  fields: Record<DocumentField, string>;
}

/**
 * Builds the text a search index needs for a resource: its name split into words (`-`, `_`, `.`,
 * camelCase), its type with every synonym users type for it, its own cloud's service names and
 * native type, other clouds' names for the type (low weight), engine and its synonyms, region code
 * with human names and geography, environment and cloud with synonyms, state words, tags as
 * "key value", and attribute facts as words ("public", "unencrypted", "open-ssh"). Deterministic
 * and pure, so documents can be rebuilt at will and compared across index implementations.
 *
 * @example resourceDocument(rdsPostgres).fields.service // 'rds instance relational database service amazon aurora aws::rds::dbinstance …'
 */
export function resourceDocument(resource: Resource): ResourceDocument {
  const { type, cloud, region, environment, state } = resource;
  const fields: Record<DocumentField, string> = {
    name: [...new Set(splitIdentifier(resource.name))].join(' '),
    type: cached(`type|${type}`, () => {
      const terms = TYPE_TERMS[type];
      return [type, terms.label, ...terms.words, ...terms.weakWords];
    }),
    service: words([
      cached(`service|${type}|${cloud}`, () => TYPE_TERMS[type].services[cloud]),
      resource.nativeType,
    ]),
    engine: memoWords(engineWords(resource)),
    region: cached(`region|${cloud}|${region}|${resource.zone ?? ''}`, () => regionWords(resource)),
    environment: environment
      ? cached(`env|${environment}`, () => [environment, ...ENVIRONMENT_SYNONYMS[environment]])
      : '',
    cloud: cached(`cloud|${cloud}`, () => [cloud, CLOUD_NAMES[cloud], ...CLOUD_SYNONYMS[cloud]]),
    state: state ? cached(`state|${state}`, () => stateWords(state)) : '',
    tags: tagText(resource.tags),
    attributes: memoWords(attributeWords(resource)),
    related: cached(`related|${type}|${cloud}`, () => relatedWords(resource)),
    account: /^[\w.:-]+$/.test(resource.account) ? resource.account : words([resource.account]),
  };
  return { id: resource.id, fields };
}

/** All fields as one text, for indexes without per-field weights. */
export function documentText(document: ResourceDocument): string {
  return DOCUMENT_FIELDS.map((field) => document.fields[field])
    .filter(Boolean)
    .join(' ');
}

/**
 * One sentence describing a resource for an embedding model: what it is, where, what state, its
 * tags and notable attributes.
 *
 * @example resourceSummary(r) // 'payments-db: database instance (AWS RDS, postgres 15) in us-east-1 (US East (N. Virginia)), prod, running. Tags: team=payments. Public, unencrypted.'
 */
export function resourceSummary(resource: Resource): string {
  const service = TYPE_TERMS[resource.type].services[resource.cloud][0];
  const engine =
    typeof resource.attributes['engine'] === 'string' ? resource.attributes['engine'] : undefined;
  const version =
    typeof resource.attributes['engineVersion'] === 'string'
      ? ` ${resource.attributes['engineVersion']}`
      : '';
  const what = [
    CLOUD_NAMES[resource.cloud] + (service ? ` ${service}` : ''),
    engine ? `${engine}${version}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const region = regionInfo(resource.region, resource.cloud);
  const where = region && region.code !== 'global' ? `${resource.region} (${region.name})` : resource.region;
  const status = [resource.environment, resource.state].filter(Boolean).join(', ');
  const tags = Object.entries(resource.tags)
    .slice(0, 12)
    .map(([k, v]) => `${k}=${v.slice(0, 64)}`)
    .join(', ');
  const flags = ATTRIBUTE_FLAGS.filter((flag) => hasFlag(resource, flag));
  return [
    `${resource.name}: ${TYPE_TERMS[resource.type].label} (${what}) in ${where}${status ? `, ${status}` : ''}.`,
    tags ? `Tags: ${tags}.` : '',
    flags.length ? `${capitalise(flags.join(', '))}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The fields that depend only on type, cloud, region, environment or state are the same for
// thousands of resources: built once each. Bounded by the vocabularies (types × clouds, regions ×
// zones), except zones and states, which clouds invent; the cap keeps a hostile import small.
const fieldCache = new Map<string, string>();
const FIELD_CACHE_LIMIT = 20_000;

function cached(key: string, build: () => readonly string[]): string {
  let text = fieldCache.get(key);
  if (text === undefined) {
    text = words(build());
    if (fieldCache.size >= FIELD_CACHE_LIMIT) fieldCache.clear();
    fieldCache.set(key, text);
  }
  return text;
}

/** `words` for phrase lists that repeat across resources (attribute facts, engines), memoised. */
function memoWords(phrases: readonly string[]): string {
  const key = phrases.join('\u0001');
  let text = fieldCache.get(key);
  if (text === undefined) {
    text = words(phrases);
    if (fieldCache.size >= FIELD_CACHE_LIMIT) fieldCache.clear();
    fieldCache.set(key, text);
  }
  return text;
}

/**
 * The words of the phrases, accents folded, each once (ignoring case), in first-seen order. Case
 * is kept so that an analyser splits `DBInstance` in documents exactly as in queries.
 */
function words(phrases: readonly string[]): string {
  const seen = new Map<string, string>();
  for (const phrase of phrases) {
    for (const word of foldAccents(phrase).split(/[\s,;()"'!?[\]{}]+/)) {
      const clean = word.replace(/^[.:]+|[.:]+$/g, '');
      if (clean && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
    }
  }
  return [...seen.values()].join(' ');
}

function engineWords(resource: Resource): string[] {
  const raw = resource.attributes['engine'];
  if (typeof raw !== 'string') return [];
  const engine = normaliseEngine(raw);
  const version = resource.attributes['engineVersion'];
  const databaseVersion = resource.attributes['databaseVersion'];
  return [
    raw,
    ...(engine ? ENGINE_SYNONYMS[engine] : []),
    typeof version === 'string' ? version : '',
    typeof databaseVersion === 'string' ? databaseVersion : '',
  ];
}

function regionWords(resource: Resource): string[] {
  const out = [resource.region];
  if (resource.zone) out.push(resource.zone);
  const region =
    regionInfo(resource.region, resource.cloud) ?? (resource.zone ? zoneRegion(resource.zone) : undefined);
  if (!region) return out;
  out.push(...regionNames(region));
  for (const group of GEOGRAPHY_GROUPS) {
    if (group.geographies.length === 1 && group.geographies[0] === region.geography) out.push(...group.words);
  }
  return out;
}

function stateWords(state: string | undefined): string[] {
  if (!state) return [];
  const words = STATE_SYNONYMS[state as keyof typeof STATE_SYNONYMS];
  return [state, ...(words?.strong ?? [])];
}

function relatedWords(resource: Resource): string[] {
  const terms = TYPE_TERMS[resource.type];
  const out: string[] = [];
  for (const cloud of CLOUDS) {
    if (cloud === resource.cloud) continue;
    out.push(...terms.services[cloud]);
  }
  return out;
}

function tagText(tags: Record<string, string>): string {
  let text = '';
  for (const [key, value] of Object.entries(tags)) {
    const pair = foldAccents(`${key} ${value.slice(0, MAX_TAG_VALUE_CHARS)}`).trim();
    if (text.length + pair.length + 1 > MAX_TAGS_FIELD_CHARS) break;
    text = text ? `${text} ${pair}` : pair;
  }
  return text;
}
