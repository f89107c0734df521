import type { Ec2Subnet } from './state.ts';

/** The next free private address of a subnet (hosts from .4 up, as AWS reserves the first four). */
export function nextPrivateIp(subnet: Ec2Subnet): string {
  const [base = '10.0.0.0', bits = '24'] = subnet.cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const offset = 4 + ((subnet.nextHost - 4) % Math.max(1, size - 5));
  subnet.nextHost++;
  if (subnet.availableIps > 0) subnet.availableIps--;
  const start = base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const ip = start + offset;
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/** `2026-10-12 08:15:31 GMT`, the form EC2 uses in an instance's `reason`. */
export function gmt(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}
