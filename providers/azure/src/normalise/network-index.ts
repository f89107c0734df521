import type { GraphRow } from '../resource-graph/graph-row.ts';
import { parentId, props } from './common.ts';

/** What a VM, load balancer or public IP needs to know about a network interface. */
export interface NicInfo {
  id: string;
  vmId?: string | undefined;
  nsgId?: string | undefined;
  subnetIds: string[];
  privateIps: string[];
  publicIpIds: string[];
  /** Load balancer backend pools its ipconfigs belong to. */
  backendPoolIds: string[];
}

/** A public IP's address, for the VM that uses it. */
export interface PipInfo {
  id: string;
  ipAddress?: string | undefined;
}

interface NicProperties {
  virtualMachine: { id?: string };
  networkSecurityGroup: { id?: string };
  ipConfigurations: {
    id?: string;
    properties?: {
      privateIPAddress?: string;
      subnet?: { id?: string };
      publicIPAddress?: { id?: string };
      loadBalancerBackendAddressPools?: { id?: string }[];
    };
  }[];
}

interface PipProperties {
  ipAddress: string;
}

const key = (id: string): string => id.toLowerCase();

/**
 * NICs and public IPs of one subscription, by id (case-insensitively: ARM ids are, and references
 * between resources do not always keep the referenced resource's casing). NICs are not SPEC
 * resources, but they are how Azure ties VMs to subnets, NSGs, public IPs and load balancers.
 */
export class NetworkIndex {
  readonly #nics = new Map<string, NicInfo>();
  readonly #pips = new Map<string, PipInfo>();

  addNic(row: GraphRow): void {
    const p = props<NicProperties>(row);
    const configs = p.ipConfigurations ?? [];
    const ids = (pick: (c: (typeof configs)[number]) => (string | undefined)[]): string[] =>
      configs.flatMap(pick).filter((id): id is string => !!id);
    this.#nics.set(key(row.id), {
      id: row.id,
      vmId: p.virtualMachine?.id,
      nsgId: p.networkSecurityGroup?.id,
      subnetIds: ids((c) => [c.properties?.subnet?.id]),
      privateIps: ids((c) => [c.properties?.privateIPAddress]),
      publicIpIds: ids((c) => [c.properties?.publicIPAddress?.id]),
      backendPoolIds: ids((c) => (c.properties?.loadBalancerBackendAddressPools ?? []).map((b) => b.id)),
    });
  }

  addPip(row: GraphRow): void {
    this.#pips.set(key(row.id), { id: row.id, ipAddress: props<PipProperties>(row).ipAddress });
  }

  nic(id: string | undefined): NicInfo | undefined {
    return id ? this.#nics.get(key(id)) : undefined;
  }

  pip(id: string | undefined): PipInfo | undefined {
    return id ? this.#pips.get(key(id)) : undefined;
  }

  /**
   * The resource an ipConfiguration id belongs to, resolved to what Escher discovers: a NIC's
   * configuration resolves to the NIC's VM; a load balancer frontend to the load balancer.
   */
  ownerOfIpConfiguration(ipConfigurationId: string | undefined): string | undefined {
    if (!ipConfigurationId) return undefined;
    const owner = parentId(ipConfigurationId);
    const nic = this.nic(owner);
    return nic ? (nic.vmId ?? nic.id) : owner;
  }
}
