/**
 * Static facts about Google Cloud the simulator serves: regions and their real zone letters,
 * machine types, images, runtimes, billing service ids.
 */

/** Regions in the order estates use them (plan.regions.gcp takes the first N), with real zones. */
export const GCP_REGIONS: readonly { name: string; zones: readonly string[]; multiRegion: string }[] = [
  { name: 'us-central1', zones: ['a', 'b', 'c', 'f'], multiRegion: 'US' },
  { name: 'us-east1', zones: ['b', 'c', 'd'], multiRegion: 'US' },
  { name: 'europe-west1', zones: ['b', 'c', 'd'], multiRegion: 'EU' },
  { name: 'europe-west3', zones: ['a', 'b', 'c'], multiRegion: 'EU' },
  { name: 'asia-southeast1', zones: ['a', 'b', 'c'], multiRegion: 'ASIA' },
  { name: 'us-west1', zones: ['a', 'b', 'c'], multiRegion: 'US' },
  { name: 'us-east4', zones: ['a', 'b', 'c'], multiRegion: 'US' },
  { name: 'europe-west2', zones: ['a', 'b', 'c'], multiRegion: 'EU' },
  { name: 'asia-northeast1', zones: ['a', 'b', 'c'], multiRegion: 'ASIA' },
  { name: 'australia-southeast1', zones: ['a', 'b', 'c'], multiRegion: 'ASIA' },
  { name: 'southamerica-east1', zones: ['a', 'b', 'c'], multiRegion: 'US' },
  { name: 'northamerica-northeast1', zones: ['a', 'b', 'c'], multiRegion: 'US' },
];

/** Every zone name of every region, in catalogue order (aggregated lists report all of them). */
export const ALL_ZONES: readonly string[] = GCP_REGIONS.flatMap((r) => r.zones.map((z) => `${r.name}-${z}`));
export const ALL_REGIONS: readonly string[] = GCP_REGIONS.map((r) => r.name);

const ZONE_SET = new Set(ALL_ZONES);
const REGION_SET = new Set(ALL_REGIONS);

export function isZone(name: string): boolean {
  return ZONE_SET.has(name);
}

export function isRegion(name: string): boolean {
  return REGION_SET.has(name);
}

/** `us-central1-a` → `us-central1`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/** A location (zone, region, `global`, `-`) as the region a call or resource belongs to. */
export function regionOfLocation(location: string): string {
  if (isZone(location)) return regionOfZone(location);
  if (location === '-' || location === '') return 'global';
  return location;
}

export function zonesOf(region: string): string[] {
  const found = GCP_REGIONS.find((r) => r.name === region);
  return found ? found.zones.map((z) => `${region}-${z}`) : [];
}

/** Machine types with vCPUs and memory (MB), as machineTypes.get reports them. */
export const MACHINE_TYPES: Readonly<Record<string, { cpus: number; memoryMb: number }>> = {
  'e2-micro': { cpus: 2, memoryMb: 1024 },
  'e2-small': { cpus: 2, memoryMb: 2048 },
  'e2-medium': { cpus: 2, memoryMb: 4096 },
  'e2-standard-2': { cpus: 2, memoryMb: 8192 },
  'e2-standard-4': { cpus: 4, memoryMb: 16384 },
  'e2-standard-8': { cpus: 8, memoryMb: 32768 },
  'n1-standard-1': { cpus: 1, memoryMb: 3840 },
  'n1-standard-2': { cpus: 2, memoryMb: 7680 },
  'n1-standard-4': { cpus: 4, memoryMb: 15360 },
  'n2-standard-2': { cpus: 2, memoryMb: 8192 },
  'n2-standard-4': { cpus: 4, memoryMb: 16384 },
  'n2-standard-8': { cpus: 8, memoryMb: 32768 },
  'n2-standard-16': { cpus: 16, memoryMb: 65536 },
  'n2-highmem-4': { cpus: 4, memoryMb: 32768 },
  'n2d-standard-4': { cpus: 4, memoryMb: 16384 },
  'c2-standard-4': { cpus: 4, memoryMb: 16384 },
  'c2-standard-8': { cpus: 8, memoryMb: 32768 },
  't2d-standard-2': { cpus: 2, memoryMb: 8192 },
};

export const COMMON_MACHINE_TYPES: readonly (readonly [string, number])[] = [
  ['e2-medium', 6],
  ['e2-standard-2', 6],
  ['e2-standard-4', 4],
  ['e2-small', 3],
  ['e2-micro', 2],
  ['n2-standard-2', 4],
  ['n2-standard-4', 3],
  ['n2-standard-8', 2],
  ['n1-standard-1', 2],
  ['n1-standard-2', 2],
  ['n2-highmem-4', 1],
  ['c2-standard-4', 1],
  ['t2d-standard-2', 1],
];

/** Whether a machine type name exists (catalogue or `custom-N-M`). */
export function isMachineType(name: string): boolean {
  return name in MACHINE_TYPES || /^(?:(?:n1|n2|n2d|e2)-)?custom-\d{1,2}-\d{3,6}$/.test(name);
}

/** Public images instances boot from (project, family, image, licence). */
export const IMAGES: readonly { project: string; image: string; os: string; cpuPlatform: string }[] = [
  {
    project: 'debian-cloud',
    image: 'debian-12-bookworm-v20241009',
    os: 'debian-12',
    cpuPlatform: 'Intel Broadwell',
  },
  {
    project: 'debian-cloud',
    image: 'debian-11-bullseye-v20240910',
    os: 'debian-11',
    cpuPlatform: 'Intel Haswell',
  },
  {
    project: 'ubuntu-os-cloud',
    image: 'ubuntu-2204-jammy-v20241004',
    os: 'ubuntu-2204',
    cpuPlatform: 'Intel Cascade Lake',
  },
  {
    project: 'ubuntu-os-cloud',
    image: 'ubuntu-2004-focal-v20240830',
    os: 'ubuntu-2004',
    cpuPlatform: 'AMD Rome',
  },
  { project: 'cos-cloud', image: 'cos-113-18244-151-14', os: 'cos', cpuPlatform: 'Intel Broadwell' },
  { project: 'rocky-linux-cloud', image: 'rocky-linux-9-v20240910', os: 'rocky-9', cpuPlatform: 'AMD Milan' },
  {
    project: 'windows-cloud',
    image: 'windows-server-2022-dc-v20241010',
    os: 'windows-2022',
    cpuPlatform: 'Intel Cascade Lake',
  },
];

/** Cloud Functions runtimes: current ones and ones past end of support (deprecated). */
export const CURRENT_RUNTIMES = [
  'nodejs20',
  'nodejs22',
  'python311',
  'python312',
  'go122',
  'java17',
  'java21',
  'ruby33',
  'php83',
] as const;
export const DEPRECATED_RUNTIMES = [
  'nodejs10',
  'nodejs12',
  'nodejs14',
  'python37',
  'python38',
  'go113',
  'ruby27',
  'php74',
  'dotnet3',
] as const;

/** Runtimes gen2 (Cloud Run based) functions accept; older ones are gen1 only. */
export const GEN2_DEPRECATED_RUNTIMES = ['nodejs14', 'python38', 'ruby27', 'php74'] as const;

/** Database versions Cloud SQL instances run. */
export const SQL_VERSIONS: readonly (readonly [string, number])[] = [
  ['POSTGRES_15', 5],
  ['POSTGRES_14', 3],
  ['POSTGRES_16', 2],
  ['POSTGRES_13', 1],
  ['MYSQL_8_0', 4],
  ['MYSQL_5_7', 1],
  ['SQLSERVER_2019_STANDARD', 1],
];

export const SQL_TIERS = [
  'db-f1-micro',
  'db-g1-small',
  'db-custom-1-3840',
  'db-custom-2-7680',
  'db-custom-4-15360',
  'db-custom-8-30720',
] as const;

export const GKE_VERSIONS = [
  '1.29.8-gke.1211000',
  '1.30.5-gke.1014001',
  '1.30.4-gke.1348000',
  '1.31.1-gke.1678000',
  '1.28.14-gke.1099000',
] as const;

/** Services as the billing export reports them (`service.description`, `service.id`), with a typical daily spend. */
export const BILLING_SERVICES: readonly { name: string; id: string; dailyUsd: number }[] = [
  { name: 'Compute Engine', id: '6F81-5844-456A', dailyUsd: 140 },
  { name: 'Cloud Storage', id: '95FF-2EF5-5EA1', dailyUsd: 28 },
  { name: 'Cloud SQL', id: '9662-B51E-5089', dailyUsd: 65 },
  { name: 'Kubernetes Engine', id: 'CCD8-9BF1-090E', dailyUsd: 85 },
  { name: 'BigQuery', id: '24E6-581D-38E5', dailyUsd: 32 },
  { name: 'Networking', id: 'E505-1604-58F8', dailyUsd: 22 },
  { name: 'Cloud Functions', id: '29E7-DA93-CA13', dailyUsd: 7 },
  { name: 'Cloud Key Management Service (KMS)', id: 'DE9E-AFBC-A15A', dailyUsd: 1.2 },
  { name: 'Cloud Monitoring', id: '58CD-E7C3-72CA', dailyUsd: 4 },
  { name: 'Cloud Logging', id: '5490-F7B7-8DF6', dailyUsd: 6 },
];
