import type { Cloud } from '@escher/protocol';

/** Continental groupings users ask by ("Europe regions", "APAC"); every region has exactly one. */
export const GEOGRAPHIES = [
  'north-america',
  'south-america',
  'europe',
  'asia',
  'oceania',
  'middle-east',
  'africa',
  'global',
] as const;
export type Geography = (typeof GEOGRAPHIES)[number];

/** One cloud region as users name it: its code, the cloud's display name, the places it serves. */
export interface RegionInfo {
  cloud: Cloud;
  /** The code the cloud's APIs use: `us-east-1`, `westus2`, `europe-west3`, `global`. */
  code: string;
  /** The cloud's own display name: `US East (N. Virginia)`, `West US 2`, `Frankfurt`. */
  name: string;
  /** Cities, states and nicknames users type for it: `N. Virginia`, `Virginia`, `Ashburn`. */
  places: readonly string[];
  /** ISO 3166-1 alpha-2 country code; undefined for multi-regions and `global`. */
  country: string | undefined;
  geography: Geography;
  /** A multi-region or dual-region location (GCS `us`, `eu`, `nam4`) or `global`. */
  multiRegion: boolean;
}

/** Compact row of the region tables: code, display name, places, country (or geography for multi-regions). */
export type RegionRow = readonly [code: string, name: string, places: readonly string[], where: string];
