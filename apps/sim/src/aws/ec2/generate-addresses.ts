import { resourceName } from '../../estate/naming.ts';
import { nextPrivateIp } from './addressing.ts';
import type { PublicCandidates } from './generate-instances.ts';
import type { VpcPlan } from './generate-network.ts';
import type { Ec2GenScope } from './gen-scope.ts';
import { ec2Id, publicIpv4 } from './ids.ts';
import type { Ec2Address } from './state.ts';

/**
 * Elastic IPs: unassociated ones at the `network.ip.unassociated` rate; the others go first to
 * stopped instances drawn public (an Elastic IP is what keeps a stopped instance reachable), then
 * to running public instances, then to NAT gateways' interfaces. Afterwards every instance with a
 * public IP is recorded as `compute.instance.public-ip`.
 */
export function generateAddresses(
  g: Ec2GenScope,
  count: number,
  candidates: PublicCandidates,
  plans: readonly VpcPlan[],
): void {
  const rng = g.ctx.rng.fork('ec2-addresses');
  const queue = [...candidates.stopped, ...candidates.running.filter(() => rng.chance(0.3))];
  // The home region always has an unassociated Elastic IP (the cost finding) and an associated one.
  const total = g.home ? Math.max(2, count) : count;
  for (let n = 0; n < total; n++) {
    const { app, env } = g.owner(rng);
    const allocationId = ec2Id(rng, 'eipalloc');
    const tags = g.tags(
      rng,
      app,
      env,
      rng.chance(0.7) ? `${resourceName(rng, app, 'eip', env, n + 1)}` : undefined,
    );
    const address: Ec2Address = {
      allocationId,
      publicIp: publicIpv4(rng),
      networkBorderGroup: g.region,
      tags,
    };
    const drawn = g.draw(rng, 'network.ip.unassociated');
    const unassociated = drawn && !(g.home && n === 1);
    if (!unassociated) {
      const instance = queue.shift();
      if (instance) {
        address.instanceId = instance.id;
        address.networkInterfaceId = instance.eniId;
        address.privateIp = instance.privateIp;
        instance.publicIp = address.publicIp;
        instance.eipAllocationId = allocationId;
        instance.autoPublicIp = false;
      } else {
        // A NAT gateway's interface in a public subnet.
        const plan = rng.pick(plans);
        const subnet = plan.subnets.find((s) => s.mapPublicIpOnLaunch) ?? plan.subnets[0]!;
        address.networkInterfaceId = ec2Id(rng, 'eni');
        address.privateIp = nextPrivateIp(subnet);
      }
      address.associationId = ec2Id(rng, 'eipassoc');
      address.networkInterfaceOwnerId = g.account;
    }
    g.state.addresses.set(allocationId, address);
    g.record('network.ip', 'elastic-ip', allocationId, tags);
    if (unassociated) g.misconfig('network.ip.unassociated', 'elastic-ip', allocationId);
  }
  for (const instance of g.state.instances.values()) {
    if (instance.publicIp) g.misconfig('compute.instance.public-ip', 'instance', instance.id);
  }
}
