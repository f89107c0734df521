import { CLOUDS, UnexpectedError, type Cloud } from '@escher/protocol';
import { phraseKey, phraseWords } from '../../text/phrase.ts';
import { AWS_REGIONS } from './aws-regions.ts';
import { AZURE_REGIONS } from './azure-regions.ts';
import { GCP_MULTI_REGIONS, GCP_REGIONS } from './gcp-regions.ts';
import { AMBIGUOUS_PLACE_WORDS, COUNTRIES, GEOGRAPHY_GROUPS } from './geography.ts';
import { GEOGRAPHIES, type Geography, type RegionInfo, type RegionRow } from './region.types.ts';

// Parentheticals of display names that are too generic to name one region on their own.
const GENERIC_PARENTHETICALS = new Set(['central', 'us-east', 'us-west', 'multi-region', 'dual-region']);

function toInfo(cloud: Cloud, [code, name, places, where]: RegionRow): RegionInfo {
  const country = COUNTRIES[where];
  const geography = country ? country.geography : (where as Geography);
  if (!GEOGRAPHIES.includes(geography)) {
    throw new UnexpectedError('region-table-invalid', `Region ${code} names an unknown place ${where}.`);
  }
  const multiRegion = cloud === 'gcp' && GCP_MULTI_REGIONS.has(code);
  return { cloud, code, name, places, country: country ? where : undefined, geography, multiRegion };
}

/** Every known region of the three clouds, plus each cloud's `global` pseudo-region. */
export const REGIONS: readonly RegionInfo[] = [
  ...AWS_REGIONS.map((row) => toInfo('aws', row)),
  ...AZURE_REGIONS.map((row) => toInfo('azure', row)),
  ...GCP_REGIONS.map((row) => toInfo('gcp', row)),
  ...CLOUDS.map((cloud): RegionInfo => ({
    cloud,
    code: 'global',
    name: 'Global',
    places: [],
    country: undefined,
    geography: 'global',
    multiRegion: true,
  })),
];

const byCode = new Map<string, RegionInfo[]>();
for (const region of REGIONS) byCode.set(region.code, [...(byCode.get(region.code) ?? []), region]);

/**
 * The region a code names, case-insensitively (`us-east-1`, `WestUS2`, `europe-west3`). Codes are
 * unique across clouds except `global`; pass `cloud` to pick that cloud's.
 */
export function regionInfo(code: string, cloud?: Cloud): RegionInfo | undefined {
  const matches = byCode.get(code.trim().toLowerCase()) ?? [];
  return cloud ? matches.find((r) => r.cloud === cloud) : matches[0];
}

/** The human names of a region, for documents and explanations: display name first, then places, country. */
export function regionNames(region: RegionInfo): string[] {
  const names = [region.name, ...parenthetical(region.name), ...region.places];
  const country = region.country ? COUNTRIES[region.country] : undefined;
  if (country) names.push(...country.names.slice(0, 2));
  return [...new Set(names)];
}

function parenthetical(name: string): string[] {
  const inner = /\(([^)]+)\)/.exec(name)?.[1];
  return inner && !GENERIC_PARENTHETICALS.has(inner.toLowerCase()) ? [inner] : [];
}

/** How sure a phrase is to mean a region wherever it appears; see {@link regionPhrases}. */
export type PlaceStrength = 'strong' | 'structured';

/** A phrase that names a set of regions, for the lexicon. */
export interface RegionPhrase {
  phrase: string;
  codes: readonly string[];
  strength: PlaceStrength;
}

function buildPhrases(): Map<string, RegionPhrase> {
  const phrases = new Map<string, Set<string>>();
  const add = (words: string, codes: Iterable<string>): void => {
    const key = phraseKey(words);
    if (!key) return;
    const set = phrases.get(key) ?? new Set<string>();
    for (const code of codes) set.add(code);
    phrases.set(key, set);
  };
  for (const region of REGIONS) {
    add(region.code, [region.code]);
    add(region.name, [region.code]);
    for (const alias of [...parenthetical(region.name), ...region.places]) add(alias, [region.code]);
  }
  for (const [iso, country] of Object.entries(COUNTRIES)) {
    const codes = REGIONS.filter((r) => r.country === iso).map((r) => r.code);
    for (const name of country.names) add(name, codes);
  }
  add(
    'US',
    REGIONS.filter((r) => r.country === 'US').map((r) => r.code),
  );
  for (const group of GEOGRAPHY_GROUPS) {
    for (const word of group.words) add(word, codesIn(group.geographies));
  }
  const result = new Map<string, RegionPhrase>();
  for (const [phrase, codes] of phrases) {
    const strength: PlaceStrength = AMBIGUOUS_PLACE_WORDS.has(phrase) ? 'structured' : 'strong';
    // A code that is also a group word (GCS `eu`, `us`, `asia`) names the group *and* itself.
    result.set(phrase, { phrase, codes: [...codes].sort(), strength });
  }
  return result;
}

function codesIn(geographies: readonly Geography[]): string[] {
  return [...new Set(REGIONS.filter((r) => geographies.includes(r.geography)).map((r) => r.code))];
}

const PHRASES = buildPhrases();

/** Every phrase that names regions (codes, display names, places, countries, groups). */
export function regionPhrases(): Iterable<RegionPhrase> {
  return PHRASES.values();
}

/**
 * The region codes a phrase names, across clouds: a code (`us-east-1`), a display name
 * (`West US 2`), a place (`Frankfurt` → eu-central-1, germanywestcentral, europe-west3), a
 * country (`Germany`) or a group (`Europe regions`, `APAC`). A trailing "region(s)" is ignored.
 * Returns [] when the phrase names no region.
 *
 * @example regionsNamed('Frankfurt') // ['eu-central-1', 'europe-west3', 'germanywestcentral']
 */
export function regionsNamed(phrase: string): string[] {
  const words = phraseWords(phrase);
  while (words.length > 1 && /^regions?$/.test(words[words.length - 1]!)) words.pop();
  const key = words.join(' ');
  const found = PHRASES.get(key);
  if (found) return [...found.codes];
  const zone = zoneRegion(key);
  return zone ? [zone.code] : [];
}

/**
 * The region of an availability zone: AWS `us-east-1a`, GCP `europe-west3-b`. Azure zones are
 * bare numbers and name no region on their own.
 */
export function zoneRegion(zone: string): RegionInfo | undefined {
  const code = zone.trim().toLowerCase();
  const aws = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/.exec(code);
  if (aws) return regionInfo(aws[1]!, 'aws');
  const gcp = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(code);
  if (gcp) return regionInfo(gcp[1]!, 'gcp');
  return undefined;
}
