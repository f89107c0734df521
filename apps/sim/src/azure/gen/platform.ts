import { envToken } from '../../estate/naming.ts';
import type { AksRecord, SiteRecord } from '../records.ts';
import { T } from '../records.ts';
import { add, armId, base, draw, misconfig, nextSeq, place, type AzureGenContext } from './context.ts';

/** Function runtimes past end of support (serverless.function.deprecated-runtime). */
export const DEPRECATED_RUNTIMES = [
  'PYTHON|3.6',
  'PYTHON|3.7',
  'PYTHON|3.8',
  'NODE|12',
  'NODE|14',
  'NODE|16',
  'DOTNETCORE|3.1',
  'DOTNET|6.0',
] as const;
const CURRENT_RUNTIMES = [
  'PYTHON|3.11',
  'PYTHON|3.12',
  'NODE|20',
  'NODE|22',
  'DOTNET-ISOLATED|8.0',
  'JAVA|17',
  'POWERSHELL|7.4',
];
const WEB_RUNTIMES = ['NODE|20-lts', 'DOTNETCORE|8.0', 'PYTHON|3.12', 'PHP|8.2'];

/**
 * Function apps (Microsoft.Web/sites, kind functionapp,linux; runtime in siteConfig.linuxFxVersion),
 * a share on deprecated runtimes. A few plain web apps (kind app,linux) live beside them, as in real
 * subscriptions: the sites list returns both, and only function apps count as serverless.function.
 */
export function generateSites(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('sites');
  const webApps = Math.round(count * 0.12);
  for (let i = 0; i < count + webApps; i++) {
    const isFunction = i < count;
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, 'site');
    const name = isFunction
      ? rng.chance(0.6)
        ? `func-${g.app}-${envToken(rng, g.env)}-${seq}`
        : `${g.app}-functions-${seq}`
      : `app-${g.app}-${envToken(rng, g.env)}-${seq}`;
    const b = base(ctx, rng, g, location, T.site, name);
    const deprecated = isFunction && draw(rng, 'serverless.function.deprecated-runtime');
    const plan = rng.chance(0.5)
      ? `ASP-${g.group.name.replace(/[^A-Za-z0-9]/g, '')}-${rng.hex(4)}`
      : `${location}LinuxDynamicPlan`;
    const site: SiteRecord = {
      ...b,
      type: T.site,
      kind: isFunction ? 'functionapp,linux' : 'app,linux',
      linuxFxVersion: isFunction
        ? rng.pick(deprecated ? DEPRECATED_RUNTIMES : CURRENT_RUNTIMES)
        : rng.pick(WEB_RUNTIMES),
      state: rng.chance(0.92) ? 'Running' : 'Stopped',
      serverFarmId: armId(g.group.subscriptionId, g.group.name, 'Microsoft.Web/serverfarms', plan),
      httpsOnly: rng.chance(0.8),
    };
    add(ctx, site, isFunction ? 'serverless.function' : undefined);
    if (deprecated) misconfig(ctx, 'serverless.function.deprecated-runtime', site.id);
  }
}

const AKS_VERSIONS = ['1.28.9', '1.29.9', '1.30.6', '1.31.2', '1.32.0'];

/**
 * AKS clusters. A cluster's API server is public (container.cluster.public-endpoint) when it is
 * not a private cluster and has no authorized IP ranges.
 */
export function generateClusters(ctx: AzureGenContext, count: number): void {
  const rng = ctx.rng.fork('aks');
  for (let i = 0; i < count; i++) {
    const { g, location } = place(ctx, rng);
    const seq = nextSeq(ctx, 'aks');
    const name = rng.chance(0.6) ? `aks-${g.app}-${envToken(rng, g.env)}-${seq}` : `${g.app}-k8s-${seq}`;
    const b = base(ctx, rng, g, location, T.aks, name);
    const isPublic = draw(rng, 'container.cluster.public-endpoint');
    const privateCluster = !isPublic && rng.chance(0.6);
    const dnsPrefix = `${name.slice(0, 40)}-dns`;
    const cluster: AksRecord = {
      ...b,
      type: T.aks,
      kubernetesVersion: rng.pick(AKS_VERSIONS),
      power: { state: rng.chance(0.88) ? 'Running' : 'Stopped' },
      privateCluster,
      authorizedIpRanges:
        isPublic || privateCluster ? [] : [`203.0.113.${rng.int(0, 15) * 16}/28`, '198.51.100.0/24'],
      pools: [
        {
          name: rng.pick(['agentpool', 'systempool', 'nodepool1']),
          count: rng.int(1, 3),
          vmSize: rng.pick(['Standard_D2s_v3', 'Standard_D4s_v5', 'Standard_DS2_v2']),
          mode: 'System',
        },
      ],
      dnsPrefix,
      fqdnSuffix: rng.hex(8),
      nodeResourceGroup: `MC_${g.group.name}_${name}_${location}`,
    };
    if (rng.chance(0.6)) {
      cluster.pools.push({
        name: rng.pick(['userpool', 'workers', 'apps']),
        count: rng.int(2, 10),
        vmSize: rng.pick(['Standard_D4s_v5', 'Standard_D8s_v5', 'Standard_E4s_v3']),
        mode: 'User',
      });
    }
    add(ctx, cluster, 'container.cluster');
    if (isPublic) misconfig(ctx, 'container.cluster.public-endpoint', cluster.id);
  }
}
