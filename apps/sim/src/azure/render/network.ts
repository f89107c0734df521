import type {
  LbRecord,
  NicRecord,
  NsgRecord,
  NsgRule,
  PipRecord,
  SubnetRecord,
  VnetRecord,
} from '../records.ts';
import { compact, envelope, etagOf, guidOf, idRef } from './common.ts';

const OK = 'Succeeded';

/** A child resource (`{name, id, etag, type, properties}`), the way Network nests them. */
function child(
  parentId: string,
  segment: string,
  name: string,
  type: string,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const id = `${parentId}/${segment}/${name}`;
  return { name, id, etag: etagOf(id), type, properties: { provisioningState: OK, ...properties } };
}

function networkResource(
  r: NicRecord | NsgRecord | PipRecord | VnetRecord | LbRecord,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const out = envelope(r, r.type);
  out['etag'] = etagOf(r.id);
  out['properties'] = {
    provisioningState: r.deleteAt !== undefined ? 'Deleting' : OK,
    resourceGuid: guidOf(r.id),
    ...properties,
  };
  return out;
}

export function renderNic(nic: NicRecord): Record<string, unknown> {
  return networkResource(
    nic,
    compact({
      ipConfigurations: [
        child(
          nic.id,
          'ipConfigurations',
          'ipconfig1',
          'Microsoft.Network/networkInterfaces/ipConfigurations',
          compact({
            privateIPAddress: nic.privateIp,
            privateIPAllocationMethod: 'Dynamic',
            publicIPAddress: idRef(nic.publicIpId),
            subnet: { id: nic.subnetId },
            primary: true,
            privateIPAddressVersion: 'IPv4',
            loadBalancerBackendAddressPools:
              nic.backendPoolIds.length > 0 ? nic.backendPoolIds.map((id) => ({ id })) : undefined,
          }),
        ),
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      macAddress: nic.vmId ? nic.mac : undefined,
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      networkSecurityGroup: idRef(nic.nsgId),
      primary: nic.vmId ? true : undefined,
      virtualMachine: idRef(nic.vmId),
      nicType: 'Standard',
    }),
  );
}

export function renderRule(nsgId: string, rule: NsgRule, segment = 'securityRules'): Record<string, unknown> {
  return child(
    nsgId,
    segment,
    rule.name,
    `Microsoft.Network/networkSecurityGroups/${segment}`,
    compact({
      description: rule.description,
      protocol: rule.protocol,
      sourcePortRange: '*',
      destinationPortRange: rule.destinationPortRange,
      sourceAddressPrefix: rule.sourceAddressPrefix,
      destinationAddressPrefix: '*',
      access: rule.access,
      priority: rule.priority,
      direction: rule.direction,
      sourcePortRanges: [],
      destinationPortRanges: [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
    }),
  );
}

/** The six rules every NSG has, which cannot be removed. */
const DEFAULT_RULES: readonly NsgRule[] = [
  {
    name: 'AllowVnetInBound',
    priority: 65000,
    direction: 'Inbound',
    access: 'Allow',
    protocol: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationPortRange: '*',
    description: 'Allow inbound traffic from all VMs in VNET',
  },
  {
    name: 'AllowAzureLoadBalancerInBound',
    priority: 65001,
    direction: 'Inbound',
    access: 'Allow',
    protocol: '*',
    sourceAddressPrefix: 'AzureLoadBalancer',
    destinationPortRange: '*',
    description: 'Allow inbound traffic from azure load balancer',
  },
  {
    name: 'DenyAllInBound',
    priority: 65500,
    direction: 'Inbound',
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationPortRange: '*',
    description: 'Deny all inbound traffic',
  },
  {
    name: 'AllowVnetOutBound',
    priority: 65000,
    direction: 'Outbound',
    access: 'Allow',
    protocol: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationPortRange: '*',
    description: 'Allow outbound traffic from all VMs to all VMs in VNET',
  },
  {
    name: 'AllowInternetOutBound',
    priority: 65001,
    direction: 'Outbound',
    access: 'Allow',
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationPortRange: '*',
    description: 'Allow outbound traffic from all VMs to Internet',
  },
  {
    name: 'DenyAllOutBound',
    priority: 65500,
    direction: 'Outbound',
    access: 'Deny',
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationPortRange: '*',
    description: 'Deny all outbound traffic',
  },
];

export function renderNsg(nsg: NsgRecord): Record<string, unknown> {
  return networkResource(
    nsg,
    compact({
      securityRules: nsg.rules.map((r) => renderRule(nsg.id, r)),
      defaultSecurityRules: DEFAULT_RULES.map((r) => renderRule(nsg.id, r, 'defaultSecurityRules')),
      networkInterfaces: nsg.nicIds.length > 0 ? nsg.nicIds.map((id) => ({ id })) : undefined,
      subnets: nsg.subnetIds.length > 0 ? nsg.subnetIds.map((id) => ({ id })) : undefined,
    }),
  );
}

export function renderPip(pip: PipRecord): Record<string, unknown> {
  const out = networkResource(
    pip,
    compact({
      // A dynamic address is only allocated while something uses it.
      ipAddress: pip.allocation === 'Static' || pip.ipConfigurationId ? pip.ip : undefined,
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: pip.allocation,
      idleTimeoutInMinutes: 4,
      ipTags: [],
      ipConfiguration: idRef(pip.ipConfigurationId),
      dnsSettings: pip.domainLabel
        ? { domainNameLabel: pip.domainLabel, fqdn: `${pip.domainLabel}.${pip.location}.cloudapp.azure.com` }
        : undefined,
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
    }),
  );
  out['sku'] = { name: pip.sku, tier: 'Regional' };
  if (pip.zones) out['zones'] = pip.zones;
  return out;
}

export function renderSubnet(s: SubnetRecord): Record<string, unknown> {
  return {
    name: s.name,
    id: s.id,
    etag: etagOf(s.id),
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: compact({
      provisioningState: OK,
      addressPrefix: s.addressPrefix,
      networkSecurityGroup: idRef(s.nsgId),
      ipConfigurations:
        s.nicIds.length > 0
          ? s.nicIds.map((nic) => ({ id: `${nic}/ipConfigurations/ipconfig1` }))
          : undefined,
      delegations: [],
      privateEndpointNetworkPolicies: 'Disabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
    }),
  };
}

export function renderVnet(v: VnetRecord): Record<string, unknown> {
  return networkResource(v, {
    addressSpace: { addressPrefixes: [v.addressPrefix] },
    subnets: v.subnets.map(renderSubnet),
    virtualNetworkPeerings: [],
    enableDdosProtection: false,
  });
}

export function renderLb(lb: LbRecord): Record<string, unknown> {
  const frontendId = `${lb.id}/frontendIPConfigurations/${lb.frontendName}`;
  const poolId = `${lb.id}/backendAddressPools/${lb.poolName}`;
  const ruleIds = lb.rules.map((r) => ({ id: `${lb.id}/loadBalancingRules/${r.name}` }));
  const out = networkResource(lb, {
    frontendIPConfigurations: [
      child(
        lb.id,
        'frontendIPConfigurations',
        lb.frontendName,
        'Microsoft.Network/loadBalancers/frontendIPConfigurations',
        compact({
          privateIPAddress: lb.privateIp,
          privateIPAllocationMethod: lb.privateIp ? 'Static' : 'Dynamic',
          publicIPAddress: idRef(lb.publicIpId),
          subnet: idRef(lb.subnetId),
          privateIPAddressVersion: lb.privateIp ? 'IPv4' : undefined,
          loadBalancingRules: ruleIds,
        }),
      ),
    ],
    backendAddressPools: [
      child(
        lb.id,
        'backendAddressPools',
        lb.poolName,
        'Microsoft.Network/loadBalancers/backendAddressPools',
        {
          backendIPConfigurations: lb.backendNicIds.map((nic) => ({
            id: `${nic}/ipConfigurations/ipconfig1`,
          })),
          loadBalancingRules: ruleIds,
        },
      ),
    ],
    loadBalancingRules: lb.rules.map((r) =>
      child(lb.id, 'loadBalancingRules', r.name, 'Microsoft.Network/loadBalancers/loadBalancingRules', {
        frontendIPConfiguration: { id: frontendId },
        frontendPort: r.frontendPort,
        backendPort: r.backendPort,
        enableFloatingIP: false,
        idleTimeoutInMinutes: 4,
        protocol: r.protocol,
        loadDistribution: 'Default',
        disableOutboundSnat: false,
        backendAddressPool: { id: poolId },
        probe: { id: `${lb.id}/probes/probe-${r.backendPort}` },
      }),
    ),
    probes: lb.rules.map((r) =>
      child(lb.id, 'probes', `probe-${r.backendPort}`, 'Microsoft.Network/loadBalancers/probes', {
        protocol: 'Tcp',
        port: r.backendPort,
        intervalInSeconds: 5,
        numberOfProbes: 1,
        probeThreshold: 1,
        loadBalancingRules: [{ id: `${lb.id}/loadBalancingRules/${r.name}` }],
      }),
    ),
    inboundNatRules: [],
    outboundRules: [],
    inboundNatPools: [],
  });
  out['sku'] = { name: lb.sku, tier: 'Regional' };
  return out;
}
