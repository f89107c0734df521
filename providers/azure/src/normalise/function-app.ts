import type { Resource } from '@escher/protocol';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { makeResource, props, relationships, rowFields, userAssignedIdentities } from './common.ts';
import { parseFunctionRuntime } from './function-runtime.ts';

/** The parts of Microsoft.Web/sites properties Escher reads. */
export interface SiteProperties {
  state: string;
  httpsOnly: boolean;
  serverFarmId: string;
  defaultHostName: string;
  publicNetworkAccess: string;
  siteConfig: {
    linuxFxVersion?: string | null;
    /** Access restrictions (null in thin Resource Graph rows: then unknown, not restricted). */
    ipSecurityRestrictions?:
      { ipAddress?: string | null; action?: string | null; priority?: number }[] | null;
    ipSecurityRestrictionsDefaultAction?: string | null;
  };
  /** Where Resource Graph keeps the runtime when `siteConfig` comes back thin. */
  siteProperties: { properties?: { name?: string; value?: string | null }[] };
}

/** Whether a Microsoft.Web/sites row is a function app (web apps share the type). */
export function isFunctionApp(row: Pick<GraphRow, 'kind'>): boolean {
  return (row.kind ?? '').toLowerCase().includes('functionapp');
}

/** The runtime string of a site, wherever Resource Graph put it. */
export function linuxFxVersionOf(row: GraphRow): string | undefined {
  const p = props<SiteProperties>(row);
  const fromConfig = p.siteConfig?.linuxFxVersion;
  if (fromConfig) return fromConfig;
  const entry = p.siteProperties?.properties?.find((e) => (e.name ?? '').toLowerCase() === 'linuxfxversion');
  return entry?.value || undefined;
}

/**
 * A function app (Microsoft.Web/sites whose kind contains `functionapp`; plain web apps are not
 * SPEC resources and yield nothing). Attributes: runtime (`python3.8`), runtimeName,
 * runtimeVersion, runtimeDeprecated (past Azure Functions' end of support), linuxFxVersion,
 * httpsOnly, public (public network access not disabled and access restrictions not closing it
 * to the Internet: `siteAcceptsInternet`), planId.
 */
export function normaliseFunctionApp(row: GraphRow): Resource[] {
  if (!isFunctionApp(row)) return [];
  const p = props<SiteProperties>(row);
  const fx = linuxFxVersionOf(row);
  const runtime = parseFunctionRuntime(fx);
  const state = (p.state ?? '').toLowerCase();
  return [
    makeResource({
      ...rowFields(row),
      state: state === 'running' ? 'running' : state === 'stopped' ? 'stopped' : 'unknown',
      attributes: {
        kind: row.kind,
        runtime: runtime?.runtime,
        runtimeName: runtime?.name,
        runtimeVersion: runtime?.version || undefined,
        runtimeDeprecated: runtime?.deprecated,
        linuxFxVersion: fx,
        httpsOnly: p.httpsOnly,
        public:
          (p.publicNetworkAccess ?? 'Enabled').toLowerCase() !== 'disabled' &&
          siteAcceptsInternet(p.siteConfig),
        endpoint: p.defaultHostName,
        planId: p.serverFarmId,
      },
      relationships: relationships('uses-role', userAssignedIdentities(row)),
    }),
  ];
}

const ANYONE = new Set(['any', '0.0.0.0/0', '::/0', '*']);

/**
 * Whether a site's access restrictions let anyone in, as App Service evaluates them: by ascending
 * priority the first rule for `Any` decides; with none, `ipSecurityRestrictionsDefaultAction`;
 * without that, an implicit "Deny all" as soon as any rule exists. Allow rules for some ranges
 * only do not open it to the Internet. No restrictions known: open.
 */
export function siteAcceptsInternet(config: SiteProperties['siteConfig'] | undefined): boolean {
  const rules = config?.ipSecurityRestrictions;
  if (!rules) return (config?.ipSecurityRestrictionsDefaultAction ?? 'Allow').toLowerCase() !== 'deny';
  const world = [...rules]
    .sort((a, b) => (a.priority ?? 2147483647) - (b.priority ?? 2147483647))
    .find((r) => ANYONE.has((r.ipAddress ?? '').toLowerCase()));
  if (world) return (world.action ?? 'Allow').toLowerCase() === 'allow';
  const fallback = config?.ipSecurityRestrictionsDefaultAction;
  if (fallback) return fallback.toLowerCase() !== 'deny';
  return rules.length === 0;
}
