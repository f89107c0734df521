import type { RegionRow } from './region.types.ts';

/**
 * Every Google Cloud region, named as the console does (the city), plus the Cloud Storage
 * multi-regions and predefined dual-regions that bucket locations report (lower-cased, as the GCP
 * provider normalises them). `where` is the ISO country code, or a geography for multi-regions.
 */
export const GCP_REGIONS: readonly RegionRow[] = [
  ['us-central1', 'Iowa', ['Council Bluffs', 'US Central'], 'US'],
  ['us-east1', 'South Carolina', ['Moncks Corner', 'US East'], 'US'],
  ['us-east4', 'Northern Virginia', ['N. Virginia', 'Virginia', 'Ashburn', 'US East'], 'US'],
  ['us-east5', 'Columbus', ['Ohio', 'US East'], 'US'],
  ['us-south1', 'Dallas', ['Texas', 'US South'], 'US'],
  ['us-west1', 'Oregon', ['The Dalles', 'US West'], 'US'],
  ['us-west2', 'Los Angeles', ['California', 'US West'], 'US'],
  ['us-west3', 'Salt Lake City', ['Utah', 'US West'], 'US'],
  ['us-west4', 'Las Vegas', ['Nevada', 'US West'], 'US'],
  ['northamerica-northeast1', 'Montréal', ['Quebec'], 'CA'],
  ['northamerica-northeast2', 'Toronto', ['Ontario'], 'CA'],
  ['northamerica-south1', 'Querétaro', [], 'MX'],
  ['southamerica-east1', 'São Paulo', [], 'BR'],
  ['southamerica-west1', 'Santiago', [], 'CL'],
  ['europe-central2', 'Warsaw', [], 'PL'],
  ['europe-north1', 'Hamina', [], 'FI'],
  ['europe-north2', 'Stockholm', [], 'SE'],
  ['europe-southwest1', 'Madrid', [], 'ES'],
  ['europe-west1', 'St. Ghislain', ['Saint-Ghislain'], 'BE'],
  ['europe-west2', 'London', [], 'GB'],
  ['europe-west3', 'Frankfurt', [], 'DE'],
  ['europe-west4', 'Eemshaven', ['Groningen'], 'NL'],
  ['europe-west6', 'Zurich', [], 'CH'],
  ['europe-west8', 'Milan', [], 'IT'],
  ['europe-west9', 'Paris', [], 'FR'],
  ['europe-west10', 'Berlin', [], 'DE'],
  ['europe-west12', 'Turin', [], 'IT'],
  ['asia-east1', 'Changhua County', [], 'TW'],
  ['asia-east2', 'Hong Kong', [], 'HK'],
  ['asia-northeast1', 'Tokyo', [], 'JP'],
  ['asia-northeast2', 'Osaka', [], 'JP'],
  ['asia-northeast3', 'Seoul', [], 'KR'],
  ['asia-south1', 'Mumbai', [], 'IN'],
  ['asia-south2', 'Delhi', [], 'IN'],
  ['asia-southeast1', 'Singapore', ['Jurong West'], 'SG'],
  ['asia-southeast2', 'Jakarta', [], 'ID'],
  ['asia-southeast3', 'Bangkok', [], 'TH'],
  ['australia-southeast1', 'Sydney', [], 'AU'],
  ['australia-southeast2', 'Melbourne', [], 'AU'],
  ['me-central1', 'Doha', [], 'QA'],
  ['me-central2', 'Dammam', [], 'SA'],
  ['me-west1', 'Tel Aviv', [], 'IL'],
  ['africa-south1', 'Johannesburg', [], 'ZA'],
  ['us', 'United States (multi-region)', [], 'US'],
  ['eu', 'European Union (multi-region)', [], 'europe'],
  ['asia', 'Asia (multi-region)', [], 'asia'],
  ['nam4', 'Iowa and South Carolina (dual-region)', [], 'US'],
  ['eur4', 'Netherlands and Finland (dual-region)', [], 'europe'],
  ['asia1', 'Tokyo and Osaka (dual-region)', [], 'JP'],
];

/** Locations of the table above that are multi- or dual-regions rather than one region. */
export const GCP_MULTI_REGIONS: ReadonlySet<string> = new Set(['us', 'eu', 'asia', 'nam4', 'eur4', 'asia1']);
