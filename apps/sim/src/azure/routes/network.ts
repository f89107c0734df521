import type { SimResponse } from '../../core/http.ts';
import { AzureError } from '../arm/errors.ts';
import { accepted, beginOperation, operationHeaders } from '../arm/lro.ts';
import {
  jsonBody,
  listPage,
  maybeResource,
  noContent,
  ok,
  requireResource,
  type ArmRequest,
} from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { scheduleDelete } from '../estate.ts';
import type { NsgRule } from '../records.ts';
import { T } from '../records.ts';
import {
  renderLb,
  renderNic,
  renderNsg,
  renderPip,
  renderRule,
  renderSubnet,
  renderVnet,
} from '../render/network.ts';
import { resourceRoutes, RG } from './kit.ts';

const NS = 'Microsoft.Network';
const NSG = `${RG}/providers/${T.nsg}/{name}`;
const VNET = `${RG}/providers/${T.vnet}/{name}`;
const names = { listAll: 'listAll', list: 'list' };

function childNotFound(id: string): AzureError {
  return new AzureError(404, 'NotFound', `Resource ${id} not found.`);
}

function getRule(rc: ArmRequest): SimResponse {
  const nsg = requireResource(rc, T.nsg);
  const rule = nsg.rules.find((r) => r.name.toLowerCase() === rc.params['rule']!.toLowerCase());
  if (!rule) throw childNotFound(`${nsg.id}/securityRules/${rc.params['rule']}`);
  return ok(renderRule(nsg.id, rule));
}

/** Removes the rule at once; the returned operation completes after `transitionMs`. */
function deleteRule(rc: ArmRequest): SimResponse {
  const nsg = requireResource(rc, T.nsg);
  const index = nsg.rules.findIndex((r) => r.name.toLowerCase() === rc.params['rule']!.toLowerCase());
  if (index < 0) return noContent();
  nsg.rules.splice(index, 1);
  return accepted(
    rc,
    beginOperation(rc, {
      namespace: NS,
      name: 'deleteSecurityRule',
      resourceId: nsg.id,
      location: nsg.location,
      durationMs: rc.ctx.timing.transitionMs,
    }),
  );
}

const PROTOCOLS = ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'];

/** Creates or replaces a security rule (how a public rule gets narrowed). */
function putRule(rc: ArmRequest): SimResponse {
  const nsg = requireResource(rc, T.nsg);
  const body = jsonBody(rc);
  const p = (
    typeof body['properties'] === 'object' && body['properties'] !== null ? body['properties'] : {}
  ) as Record<string, unknown>;
  const name = rc.params['rule']!;
  const priority = Number(p['priority']);
  if (!Number.isInteger(priority) || priority < 100 || priority > 4096) {
    throw new AzureError(
      400,
      'SecurityRuleInvalidPriority',
      `Security rule ${name} has invalid priority ${String(p['priority'])}. Value provided: ${String(p['priority'])} Allowed range 100-4096.`,
    );
  }
  const protocol = PROTOCOLS.find((x) => x.toLowerCase() === String(p['protocol'] ?? '').toLowerCase());
  if (!protocol)
    throw new AzureError(
      400,
      'InvalidRequestFormat',
      `Cannot parse the request. Value '${String(p['protocol'])}' of property 'protocol' is invalid.`,
    );
  const rule: NsgRule = {
    name,
    priority,
    direction: String(p['direction']).toLowerCase() === 'outbound' ? 'Outbound' : 'Inbound',
    access: String(p['access']).toLowerCase() === 'deny' ? 'Deny' : 'Allow',
    protocol: protocol as NsgRule['protocol'],
    sourceAddressPrefix: String(
      p['sourceAddressPrefix'] ??
        (Array.isArray(p['sourceAddressPrefixes'])
          ? (p['sourceAddressPrefixes'] as unknown[]).join(',')
          : '*'),
    ),
    destinationPortRange: String(
      p['destinationPortRange'] ??
        (Array.isArray(p['destinationPortRanges'])
          ? (p['destinationPortRanges'] as unknown[]).join(',')
          : '*'),
    ),
    description: typeof p['description'] === 'string' ? p['description'] : undefined,
  };
  const index = nsg.rules.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
  if (index >= 0) nsg.rules[index] = rule;
  else nsg.rules.push(rule);
  const op = beginOperation(rc, {
    namespace: NS,
    name: 'putSecurityRule',
    resourceId: nsg.id,
    location: nsg.location,
    durationMs: rc.ctx.timing.transitionMs,
  });
  return ok(renderRule(nsg.id, rule), index >= 0 ? 200 : 201, {
    'Azure-AsyncOperation': operationHeaders(rc, op)['Azure-AsyncOperation']!,
  });
}

function getSubnet(rc: ArmRequest): SimResponse {
  const vnet = requireResource(rc, T.vnet);
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === rc.params['subnet']!.toLowerCase());
  if (!subnet) throw childNotFound(`${vnet.id}/subnets/${rc.params['subnet']}`);
  return ok(renderSubnet(subnet));
}

/** Releasing a public IP: refused while an ipConfiguration still uses it, as Network does. */
function deletePip(rc: ArmRequest): SimResponse {
  const pip = maybeResource(rc, T.pip);
  if (!pip) return noContent();
  if (pip.ipConfigurationId) {
    throw new AzureError(
      400,
      'PublicIPAddressCannotBeDeleted',
      `Public IP address ${pip.id} can not be deleted since it is still allocated to resource ${pip.ipConfigurationId}. In order to delete the public IP, disassociate/detach the Public IP address from the resource.`,
    );
  }
  const at = pip.deleteAt ?? rc.now + rc.ctx.timing.transitionMs;
  if (pip.deleteAt === undefined) scheduleDelete(rc.az, pip, at);
  return accepted(
    rc,
    beginOperation(rc, {
      namespace: NS,
      name: 'delete',
      resourceId: pip.id,
      location: pip.location,
      durationMs: at - rc.now,
    }),
  );
}

export const networkRoutes: ArmRoute[] = [
  ...resourceRoutes({
    service: 'network',
    type: T.nsg,
    group: 'networkSecurityGroups',
    names,
    render: (_rc, r) => renderNsg(r),
  }),
  {
    method: 'GET',
    path: `${NSG}/securityRules`,
    service: 'network',
    operation: 'securityRules.list',
    handle: (rc) => {
      const nsg = requireResource(rc, T.nsg);
      return listPage(rc, nsg.rules, (r) => renderRule(nsg.id, r));
    },
  },
  {
    method: 'GET',
    path: `${NSG}/defaultSecurityRules`,
    service: 'network',
    operation: 'defaultSecurityRules.list',
    handle: (rc) => {
      const nsg = renderNsg(requireResource(rc, T.nsg)) as {
        properties: { defaultSecurityRules: unknown[] };
      };
      return ok({ value: nsg.properties.defaultSecurityRules });
    },
  },
  {
    method: 'GET',
    path: `${NSG}/securityRules/{rule}`,
    service: 'network',
    operation: 'securityRules.get',
    handle: getRule,
  },
  {
    method: 'DELETE',
    path: `${NSG}/securityRules/{rule}`,
    service: 'network',
    operation: 'securityRules.delete',
    handle: deleteRule,
  },
  {
    method: 'PUT',
    path: `${NSG}/securityRules/{rule}`,
    service: 'network',
    operation: 'securityRules.createOrUpdate',
    handle: putRule,
  },
  ...resourceRoutes({
    service: 'network',
    type: T.pip,
    group: 'publicIPAddresses',
    names,
    render: (_rc, r) => renderPip(r),
  }),
  {
    method: 'DELETE',
    path: `${RG}/providers/${T.pip}/{name}`,
    service: 'network',
    operation: 'publicIPAddresses.delete',
    handle: deletePip,
  },
  ...resourceRoutes({
    service: 'network',
    type: T.vnet,
    group: 'virtualNetworks',
    names,
    render: (_rc, r) => renderVnet(r),
  }),
  {
    method: 'GET',
    path: `${VNET}/subnets`,
    service: 'network',
    operation: 'subnets.list',
    handle: (rc) => listPage(rc, requireResource(rc, T.vnet).subnets, renderSubnet),
  },
  {
    method: 'GET',
    path: `${VNET}/subnets/{subnet}`,
    service: 'network',
    operation: 'subnets.get',
    handle: getSubnet,
  },
  ...resourceRoutes({
    service: 'network',
    type: T.lb,
    group: 'loadBalancers',
    names,
    render: (_rc, r) => renderLb(r),
  }),
  ...resourceRoutes({
    service: 'network',
    type: T.nic,
    group: 'networkInterfaces',
    names,
    render: (_rc, r) => renderNic(r),
  }),
];
