import type { SimClock } from '../../core/clock.ts';
import { settle } from '../../core/transition.ts';
import type { AksRecord, SiteRecord } from '../records.ts';
import { AZURE_TENANT_ID } from '../constants.ts';
import { T } from '../records.ts';
import { compact, envelope, guidOf, iso, regionDisplay } from './common.ts';

/** Web sites return `location` as the region's display name ("East US"), as ARM does. */
export function renderSite(s: SiteRecord): Record<string, unknown> {
  const host = `${s.name}.azurewebsites.net`;
  const out = envelope(s, T.site, regionDisplay(s.location));
  out['kind'] = s.kind;
  out['properties'] = {
    name: s.name,
    state: s.state,
    hostNames: [host],
    webSpace: `${s.resourceGroup}-${regionDisplay(s.location).replace(/ /g, '')}webspace-Linux`,
    repositorySiteName: s.name,
    usageState: 'Normal',
    enabled: s.state === 'Running',
    enabledHostNames: [host, `${s.name}.scm.azurewebsites.net`],
    availabilityState: 'Normal',
    hostNameSslStates: [
      { name: host, sslState: 'Disabled', hostType: 'Standard' },
      { name: `${s.name}.scm.azurewebsites.net`, sslState: 'Disabled', hostType: 'Repository' },
    ],
    serverFarmId: s.serverFarmId,
    reserved: true,
    isXenon: false,
    hyperV: false,
    lastModifiedTimeUtc: iso(s.createdAt),
    siteConfig: {
      numberOfWorkers: 1,
      linuxFxVersion: s.linuxFxVersion,
      acrUseManagedIdentityCreds: false,
      alwaysOn: false,
      http20Enabled: false,
      functionAppScaleLimit: 200,
      minimumElasticInstanceCount: 0,
    },
    siteProperties: {
      metadata: null,
      properties: [
        { name: 'LinuxFxVersion', value: s.linuxFxVersion },
        { name: 'WindowsFxVersion', value: null },
      ],
      appSettings: null,
    },
    scmSiteAlsoStopped: false,
    clientAffinityEnabled: false,
    clientCertEnabled: false,
    hostNamesDisabled: false,
    httpsOnly: s.httpsOnly,
    redundancyMode: 'None',
    publicNetworkAccess: 'Enabled',
    defaultHostName: host,
    resourceGroup: s.resourceGroup,
    kind: s.kind,
  };
  return out;
}

/** `sites/{name}/config/web`: the site configuration, where the runtime (linuxFxVersion) lives. */
export function renderSiteConfig(s: SiteRecord): Record<string, unknown> {
  return {
    id: `${s.id}/config/web`,
    name: s.name,
    type: 'Microsoft.Web/sites/config',
    location: regionDisplay(s.location),
    properties: {
      numberOfWorkers: 1,
      defaultDocuments: ['Default.htm', 'index.html'],
      netFrameworkVersion: 'v4.0',
      phpVersion: '',
      pythonVersion: '',
      nodeVersion: '',
      powerShellVersion: '',
      linuxFxVersion: s.linuxFxVersion,
      requestTracingEnabled: false,
      remoteDebuggingEnabled: false,
      httpLoggingEnabled: false,
      detailedErrorLoggingEnabled: false,
      use32BitWorkerProcess: false,
      webSocketsEnabled: false,
      alwaysOn: false,
      appCommandLine: '',
      managedPipelineMode: 'Integrated',
      loadBalancing: 'LeastRequests',
      ftpsState: 'FtpsOnly',
      minTlsVersion: '1.2',
      http20Enabled: false,
      functionAppScaleLimit: 200,
      scmType: 'None',
    },
  };
}

/** AKS returns its type as `Microsoft.ContainerService/ManagedClusters` (capital M), as ARM does. */
export function renderCluster(c: AksRecord, clock: SimClock): Record<string, unknown> {
  const power = settle(c.power, clock).state;
  const target = power === 'Starting' || power === 'Running' ? 'Running' : 'Stopped';
  const provisioningState =
    c.deleteAt !== undefined
      ? 'Deleting'
      : power === 'Starting'
        ? 'Starting'
        : power === 'Stopping'
          ? 'Stopping'
          : c.updatingUntil !== undefined && clock.now() < c.updatingUntil
            ? 'Updating'
            : 'Succeeded';
  const out = envelope(c, 'Microsoft.ContainerService/ManagedClusters');
  out['sku'] = { name: 'Base', tier: c.tags['env'] === 'prod' ? 'Standard' : 'Free' };
  out['identity'] = {
    type: 'SystemAssigned',
    principalId: guidOf(`${c.id}:principal`),
    tenantId: AZURE_TENANT_ID,
  };
  const host = `${c.dnsPrefix}-${c.fqdnSuffix}.${c.privateCluster ? 'privatelink.' : 'hcp.'}${c.location}.azmk8s.io`;
  out['properties'] = compact({
    provisioningState,
    powerState: { code: target },
    kubernetesVersion: c.kubernetesVersion,
    currentKubernetesVersion: c.kubernetesVersion,
    dnsPrefix: c.dnsPrefix,
    fqdn: c.privateCluster ? undefined : host,
    privateFQDN: c.privateCluster ? host : undefined,
    azurePortalFQDN: `${c.dnsPrefix}-${c.fqdnSuffix}.portal.hcp.${c.location}.azmk8s.io`,
    agentPoolProfiles: c.pools.map((p) => ({
      name: p.name,
      count: p.count,
      vmSize: p.vmSize,
      osDiskSizeGB: 128,
      osDiskType: 'Managed',
      kubeletDiskType: 'OS',
      maxPods: 110,
      type: 'VirtualMachineScaleSets',
      provisioningState,
      powerState: { code: target },
      orchestratorVersion: c.kubernetesVersion,
      currentOrchestratorVersion: c.kubernetesVersion,
      mode: p.mode,
      osType: 'Linux',
      osSKU: 'Ubuntu',
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.15.0',
      enableFIPS: false,
    })),
    servicePrincipalProfile: { clientId: 'msi' },
    nodeResourceGroup: c.nodeResourceGroup,
    enableRBAC: true,
    supportPlan: 'KubernetesOfficial',
    networkProfile: {
      networkPlugin: 'azure',
      networkPolicy: 'none',
      loadBalancerSku: 'standard',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIP: '10.0.0.10',
      outboundType: 'loadBalancer',
    },
    apiServerAccessProfile: compact({
      enablePrivateCluster: c.privateCluster,
      authorizedIPRanges: c.authorizedIpRanges.length > 0 ? c.authorizedIpRanges : undefined,
      privateDNSZone: c.privateCluster ? 'system' : undefined,
    }),
    maxAgentPools: 100,
    disableLocalAccounts: false,
    oidcIssuerProfile: { enabled: false },
  });
  return out;
}
