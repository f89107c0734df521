import type { protos } from '@google-cloud/compute';
import type { Resource } from '@escher/protocol';
import { computeIdOf, isoTime, labelsOf, lastSegment, regionOfZone, serviceAccountId } from '../names.ts';
import { gcpResource, related } from '../resource.ts';

type Instance = protos.google.cloud.compute.v1.IInstance;

/** Compute Engine instance statuses → SPEC states. TERMINATED is GCE's word for stopped. */
const STATES: Readonly<Record<string, string>> = {
  PROVISIONING: 'pending',
  STAGING: 'starting',
  RUNNING: 'running',
  STOPPING: 'stopping',
  SUSPENDING: 'stopping',
  SUSPENDED: 'stopped',
  TERMINATED: 'stopped',
  REPAIRING: 'pending',
};

/** An instance status as a SPEC state; statuses Google adds later read as `unknown`. */
export function instanceState(status: string | null | undefined): string {
  return (status && STATES[status]) || 'unknown';
}

/**
 * A Compute Engine instance. `size` is the machine type name; `publicIp` the first NAT address
 * (an ephemeral one is released while stopped, a static one stays); `instanceId` the numeric id
 * Cloud Monitoring labels its series with.
 */
export function normaliseInstance(record: Instance, project: string): Resource {
  const zone = lastSegment(record.zone) ?? '';
  const nativeId = `//compute.googleapis.com/projects/${project}/zones/${zone}/instances/${record.name}`;
  const nics = record.networkInterfaces ?? [];
  const natIps = nics.flatMap((n) =>
    (n.accessConfigs ?? []).map((a) => a.natIP).filter((ip): ip is string => !!ip),
  );
  const serviceAccount = record.serviceAccounts?.[0]?.email ?? undefined;
  return gcpResource({
    nativeId,
    account: project,
    region: regionOfZone(zone),
    zone,
    type: 'compute.instance',
    nativeType: 'compute.googleapis.com/Instance',
    name: record.name ?? '',
    state: instanceState(record.status),
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.creationTimestamp),
    attributes: {
      size: lastSegment(record.machineType),
      instanceId: record.id === null || record.id === undefined ? undefined : String(record.id),
      status: record.status ?? undefined,
      public: natIps.length > 0,
      publicIp: natIps[0],
      privateIp: nics[0]?.networkIP ?? undefined,
      networkTags: record.tags?.items?.length ? [...record.tags.items] : undefined,
      serviceAccount,
      deletionProtection: record.deletionProtection ?? undefined,
      preemptible: record.scheduling?.preemptible ?? undefined,
      provisioningModel: record.scheduling?.provisioningModel ?? undefined,
      cpuPlatform: record.cpuPlatform ?? undefined,
      lastStartAt: isoTime(record.lastStartTimestamp),
      lastStopAt: isoTime(record.lastStopTimestamp),
    },
    relationships: [
      ...(record.disks ?? []).map((d) => related('attached-volume', computeIdOf(d.source))),
      ...nics.map((n) => related('in-subnet', computeIdOf(n.subnetwork))),
      ...uniq(nics.map((n) => computeIdOf(n.network))).map((id) => related('in-vpc', id)),
      related('uses-role', serviceAccountId(serviceAccount, project)),
    ],
  });
}

function uniq<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
