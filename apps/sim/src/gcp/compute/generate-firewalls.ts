import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { computeFullName, computeId } from '../ids.ts';
import { counted, NameSet, type GcpGenContext } from '../generate-context.ts';
import type { GceFirewall } from './types.ts';

const DAY = 86_400_000;
const WORLD = ['0.0.0.0/0'];

export function firewallFullName(f: Pick<GceFirewall, 'project' | 'name'>): string {
  return computeFullName(`projects/${f.project}/global/firewalls/${f.name}`);
}

type Template = Pick<
  GceFirewall,
  'direction' | 'sourceRanges' | 'destinationRanges' | 'allowed' | 'denied' | 'description'
> & {
  name: string;
  disabled?: boolean;
};

/** Rules that expose nothing: internal traffic, IAP SSH, health checks, web, egress, disabled. */
function safeTemplate(rng: Rng, net: string, app: string): Template {
  const kind = rng.weighted([
    ['internal', 4],
    ['iap', 3],
    ['health', 2],
    ['web', 3],
    ['egress', 1],
    ['disabled-ssh', 1],
    ['corp-ssh', 2],
  ] as const);
  switch (kind) {
    case 'internal':
      return {
        name: `${net}-allow-internal`,
        direction: 'INGRESS',
        sourceRanges: ['10.0.0.0/8'],
        allowed: [
          { IPProtocol: 'tcp', ports: ['0-65535'] },
          { IPProtocol: 'udp', ports: ['0-65535'] },
          { IPProtocol: 'icmp' },
        ],
        description: 'Allow internal traffic',
      };
    case 'iap':
      return {
        name: `${net}-allow-iap-ssh`,
        direction: 'INGRESS',
        sourceRanges: ['35.235.240.0/20'],
        allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
        description: 'SSH through Identity-Aware Proxy',
      };
    case 'health':
      return {
        name: `${net}-allow-health-checks`,
        direction: 'INGRESS',
        sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
        allowed: [{ IPProtocol: 'tcp' }],
        description: 'Google Cloud load balancer health checks',
      };
    case 'web':
      return {
        name: `allow-${app}-https`,
        direction: 'INGRESS',
        sourceRanges: WORLD,
        allowed: [{ IPProtocol: 'tcp', ports: rng.chance(0.5) ? ['443'] : ['80', '443'] }],
        description: '',
      };
    case 'egress':
      return {
        name: `${net}-deny-egress`,
        direction: 'EGRESS',
        destinationRanges: WORLD,
        denied: [{ IPProtocol: 'all' }],
        description: 'Deny all egress by default',
      };
    case 'disabled-ssh':
      // World-open but disabled: exposes nothing, and checkers must notice the flag.
      return {
        name: `${net}-allow-ssh-temp`,
        direction: 'INGRESS',
        sourceRanges: WORLD,
        allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
        description: 'Temporary debugging access',
        disabled: true,
      };
    case 'corp-ssh':
      return {
        name: `${net}-allow-ssh-office`,
        direction: 'INGRESS',
        sourceRanges: [`203.0.113.${rng.int(0, 15) * 16}/28`],
        allowed: [{ IPProtocol: 'tcp', ports: ['22', '3389'] }],
        description: 'Office VPN',
      };
  }
}

/**
 * Firewall rules of one project on its networks. World-open rules are drawn at the documented
 * rates: all protocols (`network.firewall.open-all`, which also opens SSH and RDP, so those two
 * ids are recorded for it as well), TCP 22 (`open-ssh`, sometimes as a port range or from `::/0`)
 * and TCP 3389 (`open-rdp`).
 */
export function generateFirewalls(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('firewalls');
  const project = ctx.project.projectId;
  const networks = ctx.estate.compute.networks.list(project);
  const names = new NameSet();
  for (let i = 0; i < ctx.budget.firewalls; i++) {
    const net = rng.pick(networks).name;
    const app = rng.chance(0.6) ? ctx.app : rng.pick(['web', 'api', 'bastion', 'gke', 'db']);
    let template: Template;
    const checks: (
      'network.firewall.open-all' | 'network.firewall.open-ssh' | 'network.firewall.open-rdp'
    )[] = [];
    if (rng.chance(MISCONFIG_RATES['network.firewall.open-all'])) {
      template = {
        name: `${net}-allow-all-ingress`,
        direction: 'INGRESS',
        sourceRanges: WORLD,
        allowed: [{ IPProtocol: 'all' }],
        description: 'TODO: restrict',
      };
      checks.push('network.firewall.open-all', 'network.firewall.open-ssh', 'network.firewall.open-rdp');
    } else {
      const ssh = rng.chance(MISCONFIG_RATES['network.firewall.open-ssh']);
      const rdp = rng.chance(MISCONFIG_RATES['network.firewall.open-rdp']);
      if (ssh || rdp) {
        const ports = [
          ...(ssh ? [rng.chance(0.2) ? '20-23' : '22'] : []),
          ...(rdp ? ['3389'] : []),
          ...(rng.chance(0.3) ? ['80', '443'] : []),
        ];
        const name =
          ssh && rdp
            ? `${net}-allow-remote-access`
            : ssh
              ? net === 'default'
                ? 'default-allow-ssh'
                : `${net}-allow-ssh`
              : net === 'default'
                ? 'default-allow-rdp'
                : `${net}-allow-rdp`;
        template = {
          name,
          direction: 'INGRESS',
          sourceRanges: ssh && !rdp && rng.chance(0.15) ? ['::/0'] : WORLD,
          allowed: [{ IPProtocol: 'tcp', ports }],
          description: ssh ? 'Allow SSH from anywhere' : 'Allow RDP from anywhere',
        };
        if (ssh) checks.push('network.firewall.open-ssh');
        if (rdp) checks.push('network.firewall.open-rdp');
      } else {
        template = safeTemplate(rng, net, app);
      }
    }
    const firewall: GceFirewall = {
      project,
      scope: 'global',
      name: names.take(template.name),
      id: computeId(rng),
      createdMs: ctx.epoch - rng.int(3, 900) * DAY,
      network: net,
      description: template.description,
      direction: template.direction,
      priority: template.name.startsWith('default-') ? 65534 : rng.pick([1000, 1000, 900, 500, 100]),
      sourceRanges: template.sourceRanges,
      destinationRanges: template.destinationRanges,
      targetTags:
        rng.chance(0.3) && template.direction === 'INGRESS'
          ? [rng.pick(['http-server', 'https-server', 'ssh', app])]
          : undefined,
      allowed: template.allowed,
      denied: template.denied,
      disabled: template.disabled ?? false,
      logConfig: rng.chance(0.3),
    };
    const id = firewallFullName(firewall);
    for (const check of checks) ctx.manifest.misconfig(check, id);
    ctx.estate.compute.firewalls.add(firewall);
    counted(ctx, 'network.firewall');
  }
}
