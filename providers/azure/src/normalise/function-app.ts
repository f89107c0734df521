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
  siteConfig: { linuxFxVersion?: string | null };
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
 * httpsOnly, public (public network access not disabled), planId.
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
        public: (p.publicNetworkAccess ?? 'Enabled').toLowerCase() !== 'disabled',
        endpoint: p.defaultHostName,
        planId: p.serverFarmId,
      },
      relationships: relationships('uses-role', userAssignedIdentities(row)),
    }),
  ];
}
