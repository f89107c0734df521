import { computeId } from '../ids.ts';
import { counted, NameSet, type GcpGenContext } from '../generate-context.ts';
import type { GceNetwork, GceSubnetwork } from './types.ts';

/** The real auto-mode subnet ranges of the `default` network, per region. */
const AUTO_RANGES: Readonly<Record<string, string>> = {
  'us-central1': '10.128.0.0/20',
  'europe-west1': '10.132.0.0/20',
  'us-west1': '10.138.0.0/20',
  'us-east1': '10.142.0.0/20',
  'asia-northeast1': '10.146.0.0/20',
  'asia-southeast1': '10.148.0.0/20',
  'us-east4': '10.150.0.0/20',
  'australia-southeast1': '10.152.0.0/20',
  'europe-west2': '10.154.0.0/20',
  'europe-west3': '10.156.0.0/20',
  'southamerica-east1': '10.158.0.0/20',
  'northamerica-northeast1': '10.162.0.0/20',
};

/**
 * VPC networks and subnetworks of one project: the auto-mode `default` network with a subnet in
 * every region the project uses, then custom VPCs (`payments-vpc`) with `/20` subnets spread over
 * the regions until the budget is spent.
 */
export function generateNetworks(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('networks');
  const { compute } = ctx.estate;
  const project = ctx.project.projectId;
  const names = new NameSet();
  const networks: GceNetwork[] = [];
  const count = Math.max(1, ctx.budget.networks);
  for (let i = 0; i < count; i++) {
    const name =
      i === 0
        ? names.take('default')
        : names.take(
            rng.chance(0.5)
              ? `${rng.pick([ctx.app, 'shared', 'prod', 'data', 'gke'])}-vpc`
              : `vpc-${rng.pick(['main', 'internal', 'services', 'edge'])}`,
          );
    const network: GceNetwork = {
      project,
      scope: 'global',
      name,
      id: computeId(rng),
      createdMs: ctx.project.createdMs + rng.int(0, 30) * 86_400_000,
      autoCreateSubnetworks: i === 0,
      routingMode: i === 0 || rng.chance(0.6) ? 'REGIONAL' : 'GLOBAL',
      mtu: i === 0 ? 1460 : rng.pick([1460, 1500, 8896]),
      description: i === 0 ? 'Default network for the project' : '',
    };
    networks.push(network);
    compute.networks.add(network);
    counted(ctx, 'network.vpc');
  }

  const subnetNames = new Map<string, NameSet>();
  const addSubnet = (network: GceNetwork, region: string, cidr: string): void => {
    let set = subnetNames.get(region);
    if (!set) subnetNames.set(region, (set = new NameSet()));
    const name = set.take(
      network.autoCreateSubnetworks ? network.name : `${network.name.replace(/-vpc$/, '')}-${region}`,
    );
    const [base] = cidr.split('/');
    const octets = base!.split('.').map(Number);
    const subnet: GceSubnetwork = {
      project,
      scope: region,
      name,
      id: computeId(rng),
      createdMs: network.createdMs + rng.int(0, 60) * 86_400_000,
      network: network.name,
      ipCidrRange: cidr,
      gatewayAddress: `${octets[0]}.${octets[1]}.${octets[2]}.1`,
      privateIpGoogleAccess: rng.chance(0.5),
      purpose: 'PRIVATE',
      nextHost: 2,
    };
    compute.subnetworks.add(subnet);
    counted(ctx, 'network.subnet');
  };

  const regions = ctx.project.regions;
  for (const region of regions) addSubnet(networks[0]!, region, AUTO_RANGES[region] ?? '10.190.0.0/20');
  const custom = networks.slice(1);
  const remaining = ctx.budget.subnetworks - regions.length;
  for (let i = 0; i < remaining && custom.length > 0; i++) {
    const netIndex = i % custom.length;
    const region = regions[Math.floor(i / custom.length) % regions.length]!;
    const third = (Math.floor(i / custom.length) * 16) % 256;
    addSubnet(custom[netIndex]!, region, `10.${netIndex + 1}.${third}.0/20`);
  }
}

/** The next private address in a subnet. */
export function allocatePrivateIp(subnet: GceSubnetwork): string {
  const [base] = subnet.ipCidrRange.split('/');
  const o = base!.split('.').map(Number);
  const host = subnet.nextHost++;
  return `${o[0]}.${o[1]}.${o[2]! + Math.floor(host / 256)}.${host % 256}`;
}
