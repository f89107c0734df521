/**
 * Static EC2 facts the generator and the handlers share: instance types, machine images by
 * operating system, Availability Zones per region, and the DNS names EC2 gives addresses.
 */

export interface InstanceTypeInfo {
  name: string;
  vcpus: number;
  architecture: 'x86_64' | 'arm64';
  /** Relative frequency in a typical estate. */
  weight: number;
}

const t = (name: string, vcpus: number, weight: number): InstanceTypeInfo => ({
  name,
  vcpus,
  architecture: /^[a-z]+\dg[a-z]*\./.test(name) ? 'arm64' : 'x86_64',
  weight,
});

/** The instance types estates use, Graviton (`…g.`) ones being arm64. */
export const INSTANCE_TYPES: readonly InstanceTypeInfo[] = [
  t('t3.micro', 2, 6),
  t('t3.small', 2, 8),
  t('t3.medium', 2, 10),
  t('t3.large', 2, 6),
  t('t3.xlarge', 4, 2),
  t('t3a.medium', 2, 3),
  t('t4g.small', 2, 3),
  t('t4g.medium', 2, 3),
  t('m5.large', 2, 8),
  t('m5.xlarge', 4, 6),
  t('m5.2xlarge', 8, 3),
  t('m5.4xlarge', 16, 1),
  t('m6i.large', 2, 5),
  t('m6i.xlarge', 4, 4),
  t('m6g.large', 2, 3),
  t('m6g.xlarge', 4, 2),
  t('m7g.large', 2, 2),
  t('c5.large', 2, 4),
  t('c5.xlarge', 4, 3),
  t('c6i.large', 2, 4),
  t('c6i.xlarge', 4, 3),
  t('c6i.2xlarge', 8, 2),
  t('c6g.xlarge', 4, 2),
  t('c7g.large', 2, 1),
  t('r5.large', 2, 3),
  t('r5.xlarge', 4, 2),
  t('r6g.large', 2, 2),
  t('r6g.xlarge', 4, 2),
  t('r6i.2xlarge', 8, 1),
  t('g4dn.xlarge', 4, 1),
  t('p3.2xlarge', 8, 0.3),
];

export const INSTANCE_TYPE_WEIGHTS = INSTANCE_TYPES.map((i) => [i, i.weight] as const);

const BY_NAME = new Map(INSTANCE_TYPES.map((i) => [i.name, i]));

/** Facts about a type, with a plausible guess for types outside the catalogue. */
export function instanceTypeInfo(name: string): InstanceTypeInfo {
  const known = BY_NAME.get(name);
  if (known) return known;
  const size = name.split('.')[1] ?? '';
  const vcpus =
    size === 'large'
      ? 2
      : /^(\d+)xlarge$/.test(size)
        ? 4 * Number(size.replace('xlarge', ''))
        : size === 'xlarge'
          ? 4
          : 2;
  return { name, vcpus, architecture: /^[a-z]+\dg[a-z]*\./.test(name) ? 'arm64' : 'x86_64', weight: 0 };
}

/** EC2's own pattern for instance type names (`t3.micro`, `m7i-flex.large`, `u-6tb1.metal`). */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

export interface OsInfo {
  key: string;
  /** Instance `platform`: only Windows sets it. */
  platform?: 'windows';
  platformDetails: string;
  usageOperation: string;
  rootDeviceName: string;
  rootSizes: readonly number[];
  weight: number;
}

export const OPERATING_SYSTEMS: readonly OsInfo[] = [
  {
    key: 'al2023',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    rootDeviceName: '/dev/xvda',
    rootSizes: [8, 8, 16, 20, 30, 50],
    weight: 50,
  },
  {
    key: 'ubuntu',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    rootDeviceName: '/dev/sda1',
    rootSizes: [8, 16, 30, 50, 100],
    weight: 30,
  },
  {
    key: 'rhel',
    platformDetails: 'Red Hat Enterprise Linux',
    usageOperation: 'RunInstances:0010',
    rootDeviceName: '/dev/sda1',
    rootSizes: [10, 30, 50],
    weight: 6,
  },
  {
    key: 'windows',
    platform: 'windows',
    platformDetails: 'Windows',
    usageOperation: 'RunInstances:0002',
    rootDeviceName: '/dev/sda1',
    rootSizes: [30, 50, 100],
    weight: 14,
  },
];

export const OS_WEIGHTS = OPERATING_SYSTEMS.map((o) => [o, o.weight] as const);

/** Zone letters per region (a few regions skip letters, as the real ones do). */
const ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-west-1': 'ac',
  'ap-northeast-1': 'acd',
};

const DIRECTION: Readonly<Record<string, string>> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

export interface ZoneInfo {
  name: string;
  id: string;
}

const zoneCache = new Map<string, readonly ZoneInfo[]>();

/** The region's Availability Zones with their account-independent zone ids (`use1-az1`). */
export function zonesOf(region: string): readonly ZoneInfo[] {
  let zones = zoneCache.get(region);
  if (!zones) {
    const [area = '', direction = '', n = '1'] = region.split('-');
    const short = `${area}${DIRECTION[direction] ?? direction[0] ?? ''}${n}`;
    const letters = ZONE_LETTERS[region] ?? 'abc';
    zones = [...letters].map((letter, i) => ({ name: `${region}${letter}`, id: `${short}-az${i + 1}` }));
    if (zoneCache.size < 1000) zoneCache.set(region, zones);
  }
  return zones;
}

/** `ip-10-0-1-5.ec2.internal` (us-east-1) or `ip-10-0-1-5.eu-west-1.compute.internal`. */
export function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

/** `ec2-54-1-2-3.compute-1.amazonaws.com` (us-east-1) or `ec2-….eu-west-1.compute.amazonaws.com`. */
export function publicDnsName(region: string, ip: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1'
    ? `${host}.compute-1.amazonaws.com`
    : `${host}.${region}.compute.amazonaws.com`;
}
