/** Engines the estate uses, with realistic versions, ports and licence models. */
export const ENGINES: readonly {
  engine: string;
  versions: readonly string[];
  port: number;
  license: string;
  user: string;
  weight: number;
}[] = [
  {
    engine: 'postgres',
    versions: ['13.16', '14.13', '15.8', '16.4', '16.6', '17.2'],
    port: 5432,
    license: 'postgresql-license',
    user: 'postgres',
    weight: 10,
  },
  {
    engine: 'mysql',
    versions: ['5.7.44', '8.0.36', '8.0.39', '8.4.3'],
    port: 3306,
    license: 'general-public-license',
    user: 'admin',
    weight: 7,
  },
  {
    engine: 'aurora-postgresql',
    versions: ['14.12', '15.7', '16.4'],
    port: 5432,
    license: 'postgresql-license',
    user: 'postgres',
    weight: 4,
  },
  {
    engine: 'mariadb',
    versions: ['10.6.19', '10.11.9', '11.4.3'],
    port: 3306,
    license: 'general-public-license',
    user: 'admin',
    weight: 2,
  },
  {
    engine: 'sqlserver-se',
    versions: ['15.00.4385.2.v1', '16.00.4150.1.v1'],
    port: 1433,
    license: 'license-included',
    user: 'admin',
    weight: 1,
  },
];

export const INSTANCE_CLASSES: readonly (readonly [string, number])[] = [
  ['db.t3.micro', 3],
  ['db.t3.medium', 4],
  ['db.t4g.medium', 3],
  ['db.m5.large', 4],
  ['db.m6g.large', 3],
  ['db.m6i.xlarge', 2],
  ['db.r6g.large', 3],
  ['db.r6g.2xlarge', 1],
  ['db.r5.4xlarge', 1],
];
