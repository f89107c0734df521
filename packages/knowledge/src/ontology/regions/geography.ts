import type { Geography } from './region.types.ts';

interface Country {
  geography: Geography;
  /** Names users type; the first is the display name. */
  names: readonly string[];
}

/** The countries that host a region of AWS, Azure or GCP, with their geography and common names. */
export const COUNTRIES: Readonly<Record<string, Country>> = {
  US: { geography: 'north-america', names: ['United States', 'USA', 'U.S.', 'U.S.A.', 'America'] },
  CA: { geography: 'north-america', names: ['Canada'] },
  MX: { geography: 'north-america', names: ['Mexico'] },
  BR: { geography: 'south-america', names: ['Brazil'] },
  CL: { geography: 'south-america', names: ['Chile'] },
  IE: { geography: 'europe', names: ['Ireland'] },
  GB: { geography: 'europe', names: ['United Kingdom', 'UK', 'Britain', 'Great Britain', 'England'] },
  FR: { geography: 'europe', names: ['France'] },
  DE: { geography: 'europe', names: ['Germany', 'Deutschland'] },
  CH: { geography: 'europe', names: ['Switzerland'] },
  AT: { geography: 'europe', names: ['Austria'] },
  BE: { geography: 'europe', names: ['Belgium'] },
  NL: { geography: 'europe', names: ['Netherlands', 'Holland'] },
  NO: { geography: 'europe', names: ['Norway'] },
  SE: { geography: 'europe', names: ['Sweden'] },
  FI: { geography: 'europe', names: ['Finland'] },
  PL: { geography: 'europe', names: ['Poland'] },
  IT: { geography: 'europe', names: ['Italy'] },
  ES: { geography: 'europe', names: ['Spain'] },
  HK: { geography: 'asia', names: ['Hong Kong'] },
  TW: { geography: 'asia', names: ['Taiwan'] },
  JP: { geography: 'asia', names: ['Japan'] },
  KR: { geography: 'asia', names: ['South Korea', 'Korea'] },
  IN: { geography: 'asia', names: ['India'] },
  SG: { geography: 'asia', names: ['Singapore'] },
  ID: { geography: 'asia', names: ['Indonesia'] },
  MY: { geography: 'asia', names: ['Malaysia'] },
  TH: { geography: 'asia', names: ['Thailand'] },
  CN: { geography: 'asia', names: ['China', 'Mainland China'] },
  AU: { geography: 'oceania', names: ['Australia'] },
  NZ: { geography: 'oceania', names: ['New Zealand'] },
  AE: { geography: 'middle-east', names: ['UAE', 'United Arab Emirates', 'Emirates'] },
  QA: { geography: 'middle-east', names: ['Qatar'] },
  SA: { geography: 'middle-east', names: ['Saudi Arabia', 'KSA'] },
  BH: { geography: 'middle-east', names: ['Bahrain'] },
  IL: { geography: 'middle-east', names: ['Israel'] },
  ZA: { geography: 'africa', names: ['South Africa'] },
};

/**
 * Words for groups of geographies. "Europe regions" means every eu-/europe-/Azure European region
 * (SPEC section 4); "APAC" follows the clouds' own "Asia Pacific" and includes Oceania.
 */
export const GEOGRAPHY_GROUPS: readonly { words: readonly string[]; geographies: readonly Geography[] }[] = [
  { words: ['Europe', 'European', 'EU'], geographies: ['europe'] },
  { words: ['North America', 'NA'], geographies: ['north-america'] },
  { words: ['South America', 'LATAM', 'Latin America'], geographies: ['south-america'] },
  { words: ['Americas', 'the Americas'], geographies: ['north-america', 'south-america'] },
  { words: ['Asia', 'Asian'], geographies: ['asia'] },
  { words: ['APAC', 'Asia Pacific', 'Asia-Pacific'], geographies: ['asia', 'oceania'] },
  { words: ['Oceania', 'Australasia', 'ANZ'], geographies: ['oceania'] },
  { words: ['Middle East', 'Mideast', 'ME'], geographies: ['middle-east'] },
  { words: ['Africa', 'African'], geographies: ['africa'] },
  { words: ['EMEA'], geographies: ['europe', 'middle-east', 'africa'] },
  { words: ['global', 'worldwide'], geographies: ['global'] },
];

/**
 * Group words that are also everyday words ("us", "me", "na"): they name regions in a filter
 * (`region:us`) or in capitals ("in the US"), never as lower-case free text ("show us …").
 */
export const AMBIGUOUS_PLACE_WORDS: ReadonlySet<string> = new Set(['us', 'me', 'na']);
