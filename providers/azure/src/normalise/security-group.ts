import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, provisioningState, rowFields } from './common.ts';
import {
  normaliseRule,
  openToWorld,
  openToWorldAll,
  openToWorldAny,
  type NsgRuleProperties,
} from './nsg-rules.ts';

interface NsgProperties {
  provisioningState: string;
  securityRules: { name?: string; properties?: NsgRuleProperties }[];
  defaultSecurityRules: { name?: string; properties?: NsgRuleProperties }[];
  networkInterfaces: { id?: string }[];
  subnets: { id?: string }[];
}

/**
 * A network security group. Its inbound rules (custom and default) are normalised into
 * `ingressRules` and evaluated by precedence into `openToWorld` (some port), `openSsh` (TCP 22),
 * `openRdp` (TCP 3389) and `openAll` (every port and protocol) — open to the whole Internet.
 * `attached` says whether any NIC or subnet uses it; those resources carry the security-group
 * relationship.
 */
export function normaliseSecurityGroup(row: GraphRow): Resource[] {
  const p = props<NsgProperties>(row);
  const inbound = [...(p.securityRules ?? []), ...(p.defaultSecurityRules ?? [])]
    .filter((r) => (r.properties?.direction ?? '').toLowerCase() === 'inbound')
    .map((r) => normaliseRule(r.name ?? '', r.properties ?? {}));
  const custom = inbound.filter((r) => r.priority < 65000);
  const nics = p.networkInterfaces?.length ?? 0;
  const subnets = p.subnets?.length ?? 0;
  return [
    makeResource({
      ...rowFields(row),
      state: provisioningState(p.provisioningState),
      attributes: {
        ingressRules: custom,
        openToWorld: openToWorldAny(inbound),
        openSsh: openToWorld(inbound, 'tcp', 22),
        openRdp: openToWorld(inbound, 'tcp', 3389),
        openAll: openToWorldAll(inbound),
        nicCount: nics,
        subnetCount: subnets,
        attached: nics + subnets > 0,
      },
      relationships: [],
    }),
  ];
}
