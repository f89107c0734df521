import type { GcpRoute } from '../route.ts';
import { globalReadRoutes, scopedReadRoutes } from './read-routes.ts';

/** Read routes of disks, addresses, forwarding rules, subnetworks, firewalls, networks and snapshots (snapshot IAM: snapshot-writes.ts). */
export const resourceReadRoutes: GcpRoute[] = [
  ...scopedReadRoutes(
    {
      collection: 'disks',
      kind: 'disk',
      store: (e) => e.compute.disks,
      render: (r, d) => r.disk(d),
      settlesInstances: true,
    },
    'zones',
  ),
  ...scopedReadRoutes(
    {
      collection: 'addresses',
      kind: 'address',
      store: (e) => e.compute.addresses,
      render: (r, a) => r.address(a),
      settlesInstances: true,
    },
    'regions',
    true,
  ),
  ...scopedReadRoutes(
    {
      collection: 'forwardingRules',
      kind: 'forwardingRule',
      store: (e) => e.compute.forwardingRules,
      render: (r, f) => r.forwardingRule(f),
    },
    'regions',
    true,
  ),
  ...scopedReadRoutes(
    {
      collection: 'subnetworks',
      kind: 'subnetwork',
      store: (e) => e.compute.subnetworks,
      render: (r, s) => r.subnetwork(s),
    },
    'regions',
  ),
  ...globalReadRoutes({
    collection: 'firewalls',
    kind: 'firewall',
    store: (e) => e.compute.firewalls,
    render: (r, f) => r.firewall(f),
  }),
  ...globalReadRoutes({
    collection: 'networks',
    kind: 'network',
    store: (e) => e.compute.networks,
    render: (r, n, call) =>
      r.network(
        n,
        call.estate.compute.subnetworks.list(n.project).filter((s) => s.network === n.name),
      ),
  }),
  ...globalReadRoutes({
    collection: 'snapshots',
    kind: 'snapshot',
    store: (e) => e.compute.snapshots,
    render: (r, s, call) => r.snapshot(s, call.now),
  }),
];
