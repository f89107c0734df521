/** Database engines, normalised the way the providers write `attributes.engine`. */
export const ENGINES = ['postgres', 'mysql', 'mariadb', 'sqlserver', 'oracle', 'db2'] as const;
export type Engine = (typeof ENGINES)[number];

/** Words for each engine, including the clouds' own engine ids (`aurora-postgresql`, `POSTGRES_15`). */
export const ENGINE_SYNONYMS: Readonly<Record<Engine, readonly string[]>> = {
  postgres: [
    'postgres',
    'postgresql',
    'pg',
    'psql',
    'pgsql',
    'postgre',
    'aurora-postgresql',
    'aurora postgresql',
    'aurora postgres',
  ],
  mysql: ['mysql', 'aurora-mysql', 'aurora mysql', 'my sql'],
  mariadb: ['mariadb', 'maria db', 'maria'],
  sqlserver: [
    'sqlserver',
    'sql server',
    'sql-server',
    'mssql',
    'ms sql',
    'microsoft sql server',
    'mssql server',
  ],
  oracle: ['oracle', 'oracle db', 'oracle database'],
  db2: ['db2', 'ibm db2'],
};

/**
 * The engine of an engine id as any cloud reports it: RDS `aurora-postgresql`, `sqlserver-ee`,
 * `oracle-se2`, legacy `aurora` (MySQL-compatible); Cloud SQL `POSTGRES_15`, `MYSQL_8_0`,
 * `SQLSERVER_2019_STANDARD`; Azure `postgres` / `mysql` / `sqlserver`.
 *
 * @example normaliseEngine('POSTGRES_15') // 'postgres'
 */
export function normaliseEngine(value: string): Engine | undefined {
  const id = value.trim().toLowerCase();
  if (!id) return undefined;
  if (id === 'aurora') return 'mysql';
  for (const engine of ENGINES) {
    if (ENGINE_SYNONYMS[engine].includes(id)) return engine;
  }
  const head = /^(?:aurora-|custom-)?([a-z]+[0-9]?)/.exec(id)?.[1] ?? '';
  if (head.startsWith('postgres')) return 'postgres';
  if (head === 'mysql' || head === 'mariadb' || head === 'sqlserver' || head === 'oracle' || head === 'db2') {
    return head;
  }
  return undefined;
}
