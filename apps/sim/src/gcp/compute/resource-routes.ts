import { versionEtag } from '../ids.ts';
import { ok, type GcpRoute } from '../route.ts';
import { findScoped, requireProject } from './lookup.ts';
import { globalReadRoutes, scopedReadRoutes } from './read-routes.ts';

/** Read routes of disks, addresses, forwarding rules, subnetworks, firewalls, networks and snapshots. */
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
    render: (r, s) => r.snapshot(s),
  }),
  {
    method: 'GET',
    path: '/compute/v1/projects/{project}/global/snapshots/{name}/getIamPolicy',
    service: 'compute',
    operation: 'snapshots.getIamPolicy',
    handle(call) {
      const project = requireProject(call).projectId;
      const name = call.params['name']!;
      const snapshot = findScoped(
        call.estate.compute.snapshots,
        project,
        'global',
        name,
        `projects/${call.params['project']}/global/snapshots/${name}`,
      );
      if (snapshot.iamMembers.length === 0) return ok({ etag: 'ACAB' });
      return ok({
        version: 1,
        etag: versionEtag(snapshot.iamMembers.length + 1),
        bindings: [{ role: 'roles/compute.storageAdmin', members: snapshot.iamMembers }],
      });
    },
  },
];
