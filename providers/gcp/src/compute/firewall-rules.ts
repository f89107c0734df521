/**
 * A firewall permission in the shape every cloud's rules share (AWS security-group permissions,
 * Azure NSG rules): one protocol and port range, from or to some address ranges. Checks such as
 * `network.firewall.open-ssh` read these without knowing GCP.
 */
export interface FirewallPermission {
  direction: 'ingress' | 'egress';
  action: 'allow' | 'deny';
  /** tcp | udp | icmp | all | sctp | esp | ah | … (numbers mapped to names). */
  protocol: string;
  /** Inclusive port range; absent for protocols without ports (icmp). */
  fromPort?: number;
  toPort?: number;
  /** CIDR ranges the traffic comes from (ingress) or goes to (egress). */
  ranges: string[];
}

interface GceRule {
  IPProtocol?: string | null;
  ports?: readonly string[] | null;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '132': 'sctp',
};
const PORTED = new Set(['tcp', 'udp', 'sctp', 'all']);

/**
 * Expands a GCE firewall's `allowed` / `denied` entries into permissions: `all` is every protocol
 * and port, a ported protocol without `ports` is 0-65535, `20-23` is a range.
 */
export function firewallPermissions(firewall: {
  direction?: string | null;
  allowed?: readonly GceRule[] | null;
  denied?: readonly GceRule[] | null;
  sourceRanges?: readonly string[] | null;
  destinationRanges?: readonly string[] | null;
}): FirewallPermission[] {
  const direction = firewall.direction === 'EGRESS' ? 'egress' : 'ingress';
  const ranges = [...((direction === 'ingress' ? firewall.sourceRanges : firewall.destinationRanges) ?? [])];
  const out: FirewallPermission[] = [];
  const expand = (rules: readonly GceRule[] | null | undefined, action: 'allow' | 'deny'): void => {
    for (const rule of rules ?? []) {
      const raw = (rule.IPProtocol ?? 'all').toLowerCase();
      const protocol = PROTOCOL_NUMBERS[raw] ?? raw;
      if (!PORTED.has(protocol)) {
        out.push({ direction, action, protocol, ranges });
        continue;
      }
      const ports = protocol === 'all' || !rule.ports?.length ? ['0-65535'] : rule.ports;
      for (const port of ports) {
        const [from, to] = port.split('-').map(Number);
        out.push({ direction, action, protocol, fromPort: from ?? 0, toPort: to ?? from ?? 65535, ranges });
      }
    }
  };
  expand(firewall.allowed, 'allow');
  expand(firewall.denied, 'deny');
  return out;
}
