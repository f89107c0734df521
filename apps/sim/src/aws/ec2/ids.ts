import type { Rng } from '../../core/rng.ts';

/** EC2 resource id prefixes and what kind of resource each names. */
export const ID_KINDS = {
  i: 'instance',
  vol: 'volume',
  snap: 'snapshot',
  sg: 'security-group',
  eipalloc: 'elastic-ip',
  vpc: 'vpc',
  subnet: 'subnet',
  eni: 'network-interface',
  ami: 'image',
} as const;

export type IdPrefix = keyof typeof ID_KINDS;

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight hex digits from one draw (a table lookup per byte: ids are the generator's hot path). */
function hex8(rng: Rng): string {
  const n = Math.floor(rng.next() * 0x100000000);
  return BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

/** A new-style EC2 id: prefix, dash, 17 lowercase hex digits (`i-0a1b2c3d4e5f60718`). */
export function ec2Id(rng: Rng, prefix: string): string {
  return `${prefix}-${hex8(rng)}${hex8(rng)}${BYTE_HEX[Math.floor(rng.next() * 16)]![1]}`;
}

/** Whether `id` is a well-formed id of `prefix` (old 8-digit and new 17-digit forms). */
export function isEc2Id(id: string, prefix: string): boolean {
  if (!id.startsWith(`${prefix}-`)) return false;
  const rest = id.slice(prefix.length + 1);
  return (rest.length === 8 || rest.length === 17) && /^[0-9a-f]+$/.test(rest);
}

/** The id's prefix (`i`, `vol`, …) or undefined when it has none EC2 knows. */
export function prefixOf(id: string): IdPrefix | undefined {
  const dash = id.indexOf('-');
  const prefix = dash > 0 ? id.slice(0, dash) : '';
  return prefix in ID_KINDS ? (prefix as IdPrefix) : undefined;
}

/**
 * The SPEC section 3 native id (ARN) of an EC2 resource. The simulator's contract uses the
 * account in every EC2 ARN, snapshots included: `arn:aws:ec2:{region}:{account}:{kind}/{id}`.
 */
export function ec2Arn(
  region: string,
  account: string,
  kind: (typeof ID_KINDS)[IdPrefix],
  id: string,
): string {
  return `arn:aws:ec2:${region}:${account}:${kind}/${id}`;
}

/** A public IPv4 address from ranges AWS really announces. */
export function publicIpv4(rng: Rng): string {
  const first = rng.pick([3, 13, 18, 34, 35, 44, 50, 52, 54, 100]);
  return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** A MAC address as EC2 assigns them (`0a:` or `02:` prefix). */
export function macAddress(rng: Rng): string {
  const parts = [rng.pick(['0a', '02', '06', '12'])];
  for (let i = 0; i < 5; i++) parts.push(rng.hex(2));
  return parts.join(':');
}
