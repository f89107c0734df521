/** A function app's language runtime, from `linuxFxVersion` (`PYTHON|3.8`, `NODE|20-lts`). */
export interface FunctionRuntime {
  /** `python3.8`, `node20`, `dotnet-isolated8.0`: name and version, the way AWS spells runtimes. */
  runtime: string;
  name: string;
  version: string;
  deprecated: boolean;
}

/**
 * The newest version of each runtime that is past Azure Functions' end of support (Python 3.9
 * ended 2025-10, Node 18 2025-04, .NET 6/7 in-process and isolated 2024-11, .NET Core 3.1
 * 2022-12, PowerShell 7.2 2024-11). Versions at or below these are deprecated. Keep in step with
 * https://learn.microsoft.com/azure/azure-functions/functions-versions#languages.
 */
const LAST_UNSUPPORTED: Readonly<Record<string, string>> = {
  python: '3.9',
  node: '18',
  dotnet: '7.0',
  'dotnet-isolated': '7.0',
  dotnetcore: '3.1',
  powershell: '7.2',
};

function atOrBelow(version: string, limit: string): boolean {
  const a = version.split('.').map((n) => parseInt(n, 10) || 0);
  const b = limit.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return true;
}

/** Parses `linuxFxVersion`; undefined for empty values (Windows apps) and containers without a runtime. */
export function parseFunctionRuntime(linuxFxVersion: string | undefined): FunctionRuntime | undefined {
  if (!linuxFxVersion || !linuxFxVersion.includes('|')) return undefined;
  const [rawName, rawVersion = ''] = linuxFxVersion.split('|');
  const name = rawName!.trim().toLowerCase();
  if (name === 'docker' || name === 'compose') return { runtime: name, name, version: '', deprecated: false };
  const version = rawVersion.trim().toLowerCase().replace(/-lts$/, '');
  const limit = LAST_UNSUPPORTED[name];
  return {
    runtime: `${name}${version}`,
    name,
    version,
    deprecated: limit !== undefined && /^\d/.test(version) && atOrBelow(version, limit),
  };
}
