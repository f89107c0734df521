import { resourcesOfType } from '../estate.ts';
import type { LbRecord, NicRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, base, nextSeq, type AzureGenContext } from './context.ts';
import { makePip } from './compute.ts';
import { push, scopeKey } from './network.ts';

/**
 * Load balancers in front of VMs of one subscription and region: backend pools reference the VMs'
 * NIC ipconfigs; public ones get a frontend public IP, internal ones a private address in the
 * first VM's subnet.
 */
export function generateLoadBalancers(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('lbs');
  const nicsByScope = new Map<string, NicRecord[]>();
  for (const nic of resourcesOfType(ctx.az, T.nic))
    if (nic.vmId) push(nicsByScope, scopeKey(nic.subscriptionId, nic.location), nic);
  const scopes = [...nicsByScope.keys()];
  if (scopes.length === 0) return;
  const groupsById = new Map(ctx.groups.map((g) => [g.group.id.toLowerCase(), g]));
  for (let i = 0; i < count; i++) {
    const nics = nicsByScope.get(rng.pick(scopes))!;
    const first = rng.pick(nics);
    const g = groupsById.get(
      `/subscriptions/${first.subscriptionId}/resourcegroups/${first.resourceGroup}`.toLowerCase(),
    )!;
    const seq = nextSeq(ctx, 'lb');
    const name = rng.chance(0.5)
      ? `lb-${g.app}-${seq}`
      : `${g.app}-${rng.pick(['web', 'api', 'ingress'])}-lb-${seq}`;
    const b = base(ctx, rng, g, first.location, T.lb, name);
    const backend = new Set([first]);
    const want = rng.int(1, 4);
    for (let k = 0; k < want * 2 && backend.size < want; k++) backend.add(rng.pick(nics));
    const isPublic = rng.chance(0.6);
    const lb: LbRecord = {
      ...b,
      type: T.lb,
      sku: rng.chance(0.85) ? 'Standard' : 'Basic',
      poolName: rng.pick(['backendPool', 'BackendPool1', `${name}-bepool`]),
      frontendName: rng.pick(['frontend', 'LoadBalancerFrontEnd', `${name}-fe`]),
      backendNicIds: [...backend].map((n) => n.id),
      rules: [],
    };
    const http = rng.chance(0.5);
    lb.rules.push({
      name: http ? 'http' : 'https',
      protocol: 'Tcp',
      frontendPort: http ? 80 : 443,
      backendPort: rng.pick(http ? [80, 8080] : [443, 8443]),
    });
    if (rng.chance(0.3))
      lb.rules.push({ name: 'app', protocol: 'Tcp', frontendPort: 8080, backendPort: 8080 });
    if (isPublic) {
      const pip = makePip(
        ctx,
        rng,
        g,
        lb.location,
        `${name}-pip`,
        `${lb.id}/frontendIPConfigurations/${lb.frontendName}`,
      );
      lb.publicIpId = pip.id;
    } else {
      lb.subnetId = first.subnetId;
      lb.privateIp = first.privateIp.replace(/\.\d+$/, `.${rng.int(200, 250)}`);
    }
    for (const nic of backend) nic.backendPoolIds.push(`${lb.id}/backendAddressPools/${lb.poolName}`);
    add(ctx, lb, 'network.loadbalancer');
  }
}
