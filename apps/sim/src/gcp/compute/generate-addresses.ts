import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { regionOfZone } from '../catalog.ts';
import { computeFullName, computeId } from '../ids.ts';
import { counted, envAndApp, labelsFor, NameSet, type GcpGenContext } from '../generate-context.ts';
import { allocatePrivateIp } from './generate-network.ts';
import type { GceAddress, GceForwardingRule, GceInstance } from './types.ts';

const DAY = 86_400_000;

export function addressFullName(a: Pick<GceAddress, 'project' | 'scope' | 'name'>): string {
  return computeFullName(`projects/${a.project}/${scopePath(a.scope)}/addresses/${a.name}`);
}

export function forwardingRuleFullName(f: Pick<GceForwardingRule, 'project' | 'scope' | 'name'>): string {
  return computeFullName(`projects/${f.project}/${scopePath(f.scope)}/forwardingRules/${f.name}`);
}

/** `global` or `regions/{r}` (the path segment of regional-or-global resources). */
export function scopePath(scope: string): string {
  return scope === 'global' ? 'global' : `regions/${scope}`;
}

/**
 * Forwarding rules (load balancers: regional external with a target pool, global external HTTPS,
 * internal TCP) and external addresses. A stopped instance with a public IP keeps a static
 * address; the other addresses are reserved for load balancers or running instances, or left
 * RESERVED and unused at the `network.ip.unassociated` rate.
 */
export function generateAddresses(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('addresses');
  const project = ctx.project.projectId;
  const { compute } = ctx.estate;
  const rules = generateForwardingRules(ctx, rng);
  const names = new NameSet();
  const add = (scope: string, base: string, address: string, users: string[]): GceAddress => {
    const record: GceAddress = {
      project,
      scope,
      name: names.take(base),
      id: computeId(rng),
      createdMs: ctx.epoch - rng.int(5, 800) * DAY,
      address,
      users,
      labels: {},
      networkTier: rng.chance(0.9) ? 'PREMIUM' : 'STANDARD',
    };
    compute.addresses.add(record);
    counted(ctx, 'network.ip');
    return record;
  };
  const instances = compute.instances.list(project).filter((i) => i.nics[0]?.natIP);
  const stoppedPublic = instances.filter((i) => i.state !== 'RUNNING');
  const runningPublic = instances.filter((i) => i.state === 'RUNNING');
  for (const inst of stoppedPublic)
    bindStatic(
      inst,
      add(regionOfZone(inst.scope), `${inst.name}-ip`, inst.nics[0]!.natIP!, [instanceLink(inst)]),
    );
  const external = rules.filter((r) => r.scheme !== 'INTERNAL');
  const remaining = Math.max(0, ctx.budget.addresses - stoppedPublic.length);
  for (let i = 0; i < remaining; i++) {
    const { env, app } = envAndApp(ctx, rng);
    let record: GceAddress;
    const unassociated = rng.chance(MISCONFIG_RATES['network.ip.unassociated']);
    const rule = !unassociated ? external.shift() : undefined;
    const inst = !unassociated && !rule ? runningPublic.shift() : undefined;
    if (rule) {
      record = add(rule.scope, `${rule.name}-ip`, rule.ipAddress, [forwardingRuleLink(rule)]);
    } else if (inst) {
      record = add(regionOfZone(inst.scope), `${inst.name}-ip`, inst.nics[0]!.natIP!, [instanceLink(inst)]);
      bindStatic(inst, record);
    } else {
      const scope = rng.chance(0.15) ? 'global' : rng.pick(ctx.project.regions);
      record = add(
        scope,
        `${app}-${rng.pick(['static', 'reserved', 'lb', 'nat', 'old'])}-ip`,
        ctx.nextExternalIp(),
        [],
      );
      ctx.manifest.misconfig('network.ip.unassociated', addressFullName(record));
    }
    record.labels = labelsFor(ctx, rng, addressFullName(record), env, app);
  }
  for (const inst of stoppedPublic) {
    const record = compute.addresses.get(project, regionOfZone(inst.scope), inst.nics[0]!.address!)!;
    const { env, app } = envAndApp(ctx, rng);
    record.labels = labelsFor(ctx, rng, addressFullName(record), env, app);
  }
}

function generateForwardingRules(ctx: GcpGenContext, rng: Rng): GceForwardingRule[] {
  const project = ctx.project.projectId;
  const { compute } = ctx.estate;
  const names = new NameSet();
  const subnets = compute.subnetworks.list(project);
  const rules: GceForwardingRule[] = [];
  for (let i = 0; i < ctx.budget.forwardingRules; i++) {
    const { env, app } = envAndApp(ctx, rng);
    const scheme = rng.weighted([
      ['EXTERNAL', 5],
      ['EXTERNAL_MANAGED', 3],
      ['INTERNAL', 2],
    ] as const);
    const scope = scheme === 'EXTERNAL_MANAGED' ? 'global' : rng.pick(ctx.project.regions);
    const rule: GceForwardingRule = {
      project,
      scope,
      name: names.take(
        `${app}-${scheme === 'INTERNAL' ? 'ilb' : scheme === 'EXTERNAL_MANAGED' ? 'https-lb' : 'lb'}-${env}`,
      ),
      id: computeId(rng),
      createdMs: ctx.epoch - rng.int(5, 700) * DAY,
      ipAddress: '',
      ipProtocol: 'TCP',
      portRange: scheme === 'EXTERNAL_MANAGED' ? '443-443' : rng.pick(['80-80', '443-443', '8080-8080']),
      scheme,
      labels: {},
    };
    if (scheme === 'INTERNAL') {
      const subnet = subnets.find((s) => s.scope === scope) ?? subnets[0]!;
      rule.ipAddress = allocatePrivateIp(subnet);
      rule.network = subnet.network;
      rule.subnet = subnet.name;
      rule.backendService = `projects/${project}/regions/${scope}/backendServices/${rule.name}-backend`;
      rule.portRange = '';
    } else if (scheme === 'EXTERNAL_MANAGED') {
      rule.ipAddress = ctx.nextExternalIp();
      rule.target = `projects/${project}/global/targetHttpsProxies/${rule.name}-proxy`;
    } else {
      rule.ipAddress = ctx.nextExternalIp();
      rule.target = `projects/${project}/regions/${scope}/targetPools/${rule.name}-pool`;
    }
    rule.labels = labelsFor(ctx, rng, forwardingRuleFullName(rule), env, app);
    compute.forwardingRules.add(rule);
    counted(ctx, 'network.loadbalancer');
    rules.push(rule);
  }
  return rules;
}

function bindStatic(inst: GceInstance, address: GceAddress): void {
  inst.nics[0]!.address = address.name;
}

export function instanceLink(inst: Pick<GceInstance, 'project' | 'scope' | 'name'>): string {
  return `projects/${inst.project}/zones/${inst.scope}/instances/${inst.name}`;
}

export function forwardingRuleLink(rule: Pick<GceForwardingRule, 'project' | 'scope' | 'name'>): string {
  return `projects/${rule.project}/${scopePath(rule.scope)}/forwardingRules/${rule.name}`;
}
