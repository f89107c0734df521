/** An NSG security rule's properties as ARM returns them. */
export interface NsgRuleProperties {
  protocol?: string;
  access?: string;
  direction?: string;
  priority?: number;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

/** An inbound rule, normalised: what Escher stores and what the exposure checks read. */
export interface IngressRule {
  name: string;
  priority: number;
  action: 'allow' | 'deny';
  /** tcp | udp | icmp | all */
  protocol: string;
  /** `*` or `22` or `8000-8100`. */
  ports: string[];
  sources: string[];
  /** The sources include the whole Internet. */
  fromWorld: boolean;
}

/** Source prefixes that mean "anyone": ARM's `*`, the `Internet` service tag, and the catch-all CIDRs. */
const WORLD = new Set(['*', 'internet', 'any', '0.0.0.0/0', '::/0', '0.0.0.0']);

export function normaliseRule(name: string, r: NsgRuleProperties): IngressRule {
  const sources = [r.sourceAddressPrefix, ...(r.sourceAddressPrefixes ?? [])].filter((s): s is string => !!s);
  const ports = [r.destinationPortRange, ...(r.destinationPortRanges ?? [])].filter((s): s is string => !!s);
  const protocol = (r.protocol ?? '*').toLowerCase();
  return {
    name,
    priority: r.priority ?? 65535,
    action: (r.access ?? '').toLowerCase() === 'deny' ? 'deny' : 'allow',
    protocol: protocol === '*' || protocol === 'any' ? 'all' : protocol,
    ports: ports.length > 0 ? ports : ['*'],
    sources,
    fromWorld: sources.some((s) => WORLD.has(s.toLowerCase())),
  };
}

export function coversPort(ports: readonly string[], port: number): boolean {
  return ports.some((range) => {
    if (range === '*') return true;
    const [low, high = low] = range.split('-').map((n) => Number(n.trim()));
    return low !== undefined && high !== undefined && port >= low && port <= high;
  });
}

const allPorts = (r: IngressRule): boolean => r.ports.some((p) => p === '*' || p === '0-65535');

/**
 * Whether the Internet reaches `protocol`/`port` through these inbound rules, evaluated as Azure
 * does: by ascending priority, the first rule that matches decides. Only rules whose sources
 * include the whole Internet can decide for the Internet (a deny from one CIDR does not close a
 * port to everyone); the default DenyAllInBound (65500, source `*`) closes what nothing opened.
 */
export function openToWorld(rules: readonly IngressRule[], protocol: 'tcp' | 'udp', port: number): boolean {
  const sorted = [...rules].filter((r) => r.fromWorld).sort((a, b) => a.priority - b.priority);
  for (const rule of sorted) {
    if (rule.protocol !== 'all' && rule.protocol !== protocol) continue;
    if (!coversPort(rule.ports, port)) continue;
    return rule.action === 'allow';
  }
  return false;
}

/**
 * Whether the Internet reaches every port on every protocol: an allow-all rule from the world with
 * no world deny of higher precedence in front of it.
 */
export function openToWorldAll(rules: readonly IngressRule[]): boolean {
  const sorted = [...rules].filter((r) => r.fromWorld).sort((a, b) => a.priority - b.priority);
  for (const rule of sorted) {
    if (rule.action === 'deny') return false;
    if (rule.protocol === 'all' && allPorts(rule)) return true;
  }
  return false;
}

/** A port range string (`*`, `22`, `8000-8100`) as numbers. */
function rangeOf(port: string): [number, number] {
  if (port === '*') return [0, 65535];
  const [low, high = low] = port.split('-').map((n) => Number(n.trim()));
  return [low ?? 0, high ?? 65535];
}

/**
 * Whether the Internet reaches any port at all: some allow rule from the whole Internet that no
 * world deny of higher precedence covers entirely (same or every protocol, all of its ports). The
 * `public` flag of a firewall reads this, as it reads `openToWorld` on AWS and GCP.
 */
export function openToWorldAny(rules: readonly IngressRule[]): boolean {
  const sorted = [...rules].filter((r) => r.fromWorld).sort((a, b) => a.priority - b.priority);
  return sorted.some(
    (rule, i) =>
      rule.action === 'allow' &&
      rule.ports.some((port) => {
        const [low, high] = rangeOf(port);
        return !sorted.slice(0, i).some(
          (deny) =>
            deny.action === 'deny' &&
            (deny.protocol === 'all' || deny.protocol === rule.protocol) &&
            deny.ports.some((d) => {
              const [dl, dh] = rangeOf(d);
              return dl <= low && high <= dh;
            }),
        );
      }),
  );
}
