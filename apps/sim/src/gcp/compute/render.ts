import { MACHINE_TYPES, regionOfZone } from '../catalog.ts';
import { fingerprint, gceTime } from '../ids.ts';
import { scopePath } from './generate-addresses.ts';
import type {
  GceAddress,
  GceDisk,
  GceFirewall,
  GceForwardingRule,
  GceInstance,
  GceNetwork,
  GceSnapshot,
  GceSubnetwork,
} from './types.ts';

/** Compute Engine JSON, with every link on the simulator's own base URL. */
export class ComputeRenderer {
  readonly root: string;

  constructor(base: string) {
    this.root = `${base}/compute/v1/`;
  }

  link(relative: string): string {
    return this.root + relative;
  }

  instance(i: GceInstance): Record<string, unknown> {
    const p = i.project;
    const zone = `projects/${p}/zones/${i.scope}`;
    const region = regionOfZone(i.scope);
    const stopped = i.state === 'TERMINATED' || i.state === 'STOPPING' || i.state === 'SUSPENDED';
    return {
      kind: 'compute#instance',
      id: i.id,
      creationTimestamp: gceTime(i.createdMs),
      name: i.name,
      description: i.description,
      tags: {
        items: i.networkTags.length ? i.networkTags : undefined,
        fingerprint: fingerprint(i.networkTags),
      },
      machineType: this.link(`${zone}/machineTypes/${i.machineType}`),
      status: i.state,
      zone: this.link(zone),
      canIpForward: false,
      networkInterfaces: i.nics.map((nic, index) => ({
        kind: 'compute#networkInterface',
        network: this.link(`projects/${p}/global/networks/${nic.network}`),
        subnetwork: this.link(`projects/${p}/regions/${region}/subnetworks/${nic.subnet}`),
        networkIP: nic.networkIP,
        name: `nic${index}`,
        accessConfigs: nic.natIP
          ? [
              {
                kind: 'compute#accessConfig',
                type: 'ONE_TO_ONE_NAT',
                name: 'External NAT',
                // An ephemeral address is released while the instance is stopped.
                natIP: stopped && !nic.address ? undefined : nic.natIP,
                networkTier: 'PREMIUM',
              },
            ]
          : undefined,
        fingerprint: fingerprint([nic.networkIP, nic.natIP ?? '']),
        stackType: 'IPV4_ONLY',
      })),
      disks: i.disks.map((d, index) => ({
        kind: 'compute#attachedDisk',
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        source: this.link(`${zone}/disks/${d.name}`),
        deviceName: d.boot ? 'persistent-disk-0' : d.name,
        index,
        boot: d.boot,
        autoDelete: d.autoDelete,
        interface: 'SCSI',
        diskSizeGb: String(d.sizeGb),
        architecture: 'X86_64',
      })),
      metadata: { kind: 'compute#metadata', fingerprint: fingerprint([i.id]) },
      serviceAccounts: i.serviceAccount
        ? [{ email: i.serviceAccount, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }]
        : undefined,
      selfLink: this.link(`${zone}/instances/${i.name}`),
      scheduling: {
        onHostMaintenance: 'MIGRATE',
        automaticRestart: true,
        preemptible: false,
        provisioningModel: 'STANDARD',
      },
      cpuPlatform: stopped ? 'Unknown CPU Platform' : i.image.cpuPlatform,
      labels: Object.keys(i.labels).length ? i.labels : undefined,
      labelFingerprint: fingerprint(i.labels),
      startRestricted: false,
      deletionProtection: i.deletionProtection,
      shieldedInstanceConfig: { enableSecureBoot: false, enableVtpm: true, enableIntegrityMonitoring: true },
      fingerprint: fingerprint([i.id, i.state, i.machineType]),
      lastStartTimestamp: gceTime(i.lastStartMs),
      lastStopTimestamp: i.lastStopMs !== undefined ? gceTime(i.lastStopMs) : undefined,
      satisfiesPzi: true,
    };
  }

  disk(d: GceDisk): Record<string, unknown> {
    const zone = `projects/${d.project}/zones/${d.scope}`;
    return {
      kind: 'compute#disk',
      id: d.id,
      creationTimestamp: gceTime(d.createdMs),
      name: d.name,
      sizeGb: String(d.sizeGb),
      zone: this.link(zone),
      status: 'READY',
      selfLink: this.link(`${zone}/disks/${d.name}`),
      sourceImage: d.sourceImage
        ? this.link(`projects/${d.sourceImage.project}/global/images/${d.sourceImage.image}`)
        : undefined,
      type: this.link(`${zone}/diskTypes/${d.type}`),
      users: d.users.length ? d.users.map((u) => this.link(`${zone}/instances/${u}`)) : undefined,
      lastAttachTimestamp: d.lastAttachMs !== undefined ? gceTime(d.lastAttachMs) : undefined,
      labels: Object.keys(d.labels).length ? d.labels : undefined,
      labelFingerprint: fingerprint(d.labels),
      physicalBlockSizeBytes: '4096',
      diskEncryptionKey: d.kmsKeyName ? { kmsKeyName: `${d.kmsKeyName}/cryptoKeyVersions/1` } : undefined,
      architecture: 'X86_64',
      satisfiesPzi: true,
    };
  }

  snapshot(s: GceSnapshot, now = Number.POSITIVE_INFINITY): Record<string, unknown> {
    return {
      kind: 'compute#snapshot',
      id: s.id,
      creationTimestamp: gceTime(s.createdMs),
      name: s.name,
      status: s.readyMs !== undefined && now < s.readyMs ? 'CREATING' : 'READY',
      sourceDisk: this.link(`projects/${s.project}/zones/${s.sourceDisk.zone}/disks/${s.sourceDisk.name}`),
      sourceDiskId: s.sourceDisk.id,
      diskSizeGb: String(s.diskSizeGb),
      storageBytes: String(s.storageBytes),
      storageBytesStatus: 'UP_TO_DATE',
      selfLink: this.link(`projects/${s.project}/global/snapshots/${s.name}`),
      labels: Object.keys(s.labels).length ? s.labels : undefined,
      labelFingerprint: fingerprint(s.labels),
      storageLocations: [s.storageLocation],
      autoCreated: s.autoCreated || undefined,
      downloadBytes: String(Math.round(s.storageBytes * 1.02)),
      snapshotType: 'STANDARD',
      architecture: 'X86_64',
    };
  }

  address(a: GceAddress): Record<string, unknown> {
    const scope = `projects/${a.project}/${scopePath(a.scope)}`;
    return {
      kind: 'compute#address',
      id: a.id,
      creationTimestamp: gceTime(a.createdMs),
      name: a.name,
      description: '',
      address: a.address,
      status: a.users.length ? 'IN_USE' : 'RESERVED',
      region: a.scope === 'global' ? undefined : this.link(scope),
      selfLink: this.link(`${scope}/addresses/${a.name}`),
      users: a.users.length ? a.users.map((u) => this.link(u)) : undefined,
      networkTier: a.scope === 'global' ? 'PREMIUM' : a.networkTier,
      labels: Object.keys(a.labels).length ? a.labels : undefined,
      labelFingerprint: fingerprint(a.labels),
      addressType: 'EXTERNAL',
      ipVersion: a.scope === 'global' ? 'IPV4' : undefined,
    };
  }

  forwardingRule(f: GceForwardingRule): Record<string, unknown> {
    const scope = `projects/${f.project}/${scopePath(f.scope)}`;
    return {
      kind: 'compute#forwardingRule',
      id: f.id,
      creationTimestamp: gceTime(f.createdMs),
      name: f.name,
      description: '',
      region: f.scope === 'global' ? undefined : this.link(scope),
      IPAddress: f.ipAddress,
      IPProtocol: f.ipProtocol,
      portRange: f.portRange || undefined,
      ports: f.scheme === 'INTERNAL' ? ['80', '443'] : undefined,
      target: f.target ? this.link(f.target) : undefined,
      backendService: f.backendService ? this.link(f.backendService) : undefined,
      selfLink: this.link(`${scope}/forwardingRules/${f.name}`),
      loadBalancingScheme: f.scheme,
      network: f.network ? this.link(`projects/${f.project}/global/networks/${f.network}`) : undefined,
      subnetwork: f.subnet ? this.link(`${scope}/subnetworks/${f.subnet}`) : undefined,
      networkTier: f.scheme === 'INTERNAL' ? undefined : 'PREMIUM',
      labels: Object.keys(f.labels).length ? f.labels : undefined,
      labelFingerprint: fingerprint(f.labels),
      fingerprint: fingerprint([f.id, f.ipAddress]),
      allowGlobalAccess: f.scheme === 'INTERNAL' ? false : undefined,
    };
  }

  firewall(f: GceFirewall): Record<string, unknown> {
    return {
      kind: 'compute#firewall',
      id: f.id,
      creationTimestamp: gceTime(f.createdMs),
      name: f.name,
      description: f.description,
      network: this.link(`projects/${f.project}/global/networks/${f.network}`),
      priority: f.priority,
      sourceRanges: f.sourceRanges,
      destinationRanges: f.destinationRanges,
      targetTags: f.targetTags,
      allowed: f.allowed?.map((r) => ({ IPProtocol: r.IPProtocol, ports: r.ports })),
      denied: f.denied?.map((r) => ({ IPProtocol: r.IPProtocol, ports: r.ports })),
      direction: f.direction,
      logConfig: { enable: f.logConfig },
      disabled: f.disabled,
      selfLink: this.link(`projects/${f.project}/global/firewalls/${f.name}`),
    };
  }

  network(n: GceNetwork, subnets: readonly GceSubnetwork[]): Record<string, unknown> {
    return {
      kind: 'compute#network',
      id: n.id,
      creationTimestamp: gceTime(n.createdMs),
      name: n.name,
      description: n.description || undefined,
      selfLink: this.link(`projects/${n.project}/global/networks/${n.name}`),
      selfLinkWithId: this.link(`projects/${n.project}/global/networks/${n.id}`),
      autoCreateSubnetworks: n.autoCreateSubnetworks,
      subnetworks: subnets.map((s) =>
        this.link(`projects/${s.project}/regions/${s.scope}/subnetworks/${s.name}`),
      ),
      routingConfig: { routingMode: n.routingMode },
      mtu: n.mtu,
      networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
    };
  }

  subnetwork(s: GceSubnetwork): Record<string, unknown> {
    const region = `projects/${s.project}/regions/${s.scope}`;
    return {
      kind: 'compute#subnetwork',
      id: s.id,
      creationTimestamp: gceTime(s.createdMs),
      name: s.name,
      network: this.link(`projects/${s.project}/global/networks/${s.network}`),
      ipCidrRange: s.ipCidrRange,
      gatewayAddress: s.gatewayAddress,
      region: this.link(region),
      selfLink: this.link(`${region}/subnetworks/${s.name}`),
      privateIpGoogleAccess: s.privateIpGoogleAccess,
      fingerprint: fingerprint([s.id, s.ipCidrRange]),
      purpose: s.purpose,
      stackType: 'IPV4_ONLY',
    };
  }

  machineType(project: string, zone: string, name: string): Record<string, unknown> | undefined {
    const spec = MACHINE_TYPES[name];
    if (!spec) return undefined;
    return {
      kind: 'compute#machineType',
      id: String(1_000_000 + Object.keys(MACHINE_TYPES).indexOf(name)),
      creationTimestamp: '1969-12-31T16:00:00.000-08:00',
      name,
      description: `${spec.cpus} vCPU${spec.cpus > 1 ? 's' : ''}, ${Math.round(spec.memoryMb / 102.4) / 10} GB RAM`,
      guestCpus: spec.cpus,
      memoryMb: spec.memoryMb,
      maximumPersistentDisks: 128,
      maximumPersistentDisksSizeGb: '263168',
      zone,
      selfLink: this.link(`projects/${project}/zones/${zone}/machineTypes/${name}`),
      isSharedCpu: name === 'e2-micro' || name === 'e2-small' || name === 'e2-medium',
      architecture: name.startsWith('t2a') ? 'ARM64' : 'X86_64',
    };
  }
}
