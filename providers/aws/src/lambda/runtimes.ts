/**
 * Deprecation dates of Lambda runtimes, from AWS's runtime support table: after this date AWS no
 * longer patches the runtime. Runtimes not listed are treated as supported. Extend when AWS
 * announces new dates.
 */
export const RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  java8: '2024-01-08',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
};

/** The runtime's deprecation date (YYYY-MM-DD), if AWS has set one. */
export function runtimeDeprecatedOn(runtime: string | undefined): string | undefined {
  return runtime ? RUNTIME_DEPRECATION[runtime] : undefined;
}
