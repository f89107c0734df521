import { SQL_TIERS, SQL_VERSIONS, zonesOf } from '../catalog.ts';
import { fullName } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import { pickCmekKey } from '../kms/generate.ts';
import type { SqlInstance } from './types.ts';

const DAY = 86_400_000;

export function sqlFullName(project: string, name: string): string {
  return fullName('sqladmin', `projects/${project}/instances/${name}`);
}

const INSTALLED: Readonly<Record<string, string>> = {
  POSTGRES_13: 'POSTGRES_13_16',
  POSTGRES_14: 'POSTGRES_14_13',
  POSTGRES_15: 'POSTGRES_15_8',
  POSTGRES_16: 'POSTGRES_16_4',
  MYSQL_8_0: 'MYSQL_8_0_37',
  MYSQL_5_7: 'MYSQL_5_7_44',
  SQLSERVER_2019_STANDARD: 'SQLSERVER_2019_STANDARD_CU26',
};

/**
 * Cloud SQL instances of one project. Public ones (`database.instance.public`) have a public IP
 * with `0.0.0.0/0` in authorizedNetworks; others are private-IP only or allow one office range.
 * Automated backups are off at the `database.instance.no-backup` rate. Some are stopped
 * (activationPolicy NEVER). Storage is always encrypted (Google-managed or CMEK).
 */
export function generateSqlInstances(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('sql');
  const { projectId } = ctx.project;
  const names = new NameSet();
  for (let i = 0; i < ctx.budget.sqlInstances; i++) {
    const { env, app } = envAndApp(ctx, rng);
    const version = rng.weighted(SQL_VERSIONS);
    const engine = version.startsWith('POSTGRES') ? 'pg' : version.startsWith('MYSQL') ? 'mysql' : 'mssql';
    const region = rng.pick(ctx.project.regions);
    const stopped = rng.chance(0.12);
    const inst: SqlInstance = {
      project: projectId,
      name: names.take(`${app}-${env}-${engine}${rng.chance(0.4) ? `-${i + 1}` : ''}`),
      region,
      zone: rng.pick(zonesOf(region)),
      createdMs: ctx.epoch - rng.int(10, 1000) * DAY - rng.int(0, DAY - 1),
      state: stopped ? 'STOPPED' : 'RUNNABLE',
      databaseVersion: version,
      installedVersion: INSTALLED[version] ?? version,
      tier: rng.pick(SQL_TIERS),
      availabilityType: env === 'prod' && rng.chance(0.6) ? 'REGIONAL' : 'ZONAL',
      activationPolicy: stopped ? 'NEVER' : 'ALWAYS',
      settingsVersion: rng.int(1, 40),
      ipv4Enabled: true,
      authorizedNetworks: [],
      requireSsl: rng.chance(0.5),
      backupEnabled: true,
      pointInTimeRecovery: false,
      dataDiskSizeGb: rng.pick([10, 20, 50, 100, 250, 500]),
      dataDiskType: rng.chance(0.85) ? 'PD_SSD' : 'PD_HDD',
      userLabels: {},
      deletionProtection: env === 'prod' && rng.chance(0.5),
      serviceAccountEmail: `p${ctx.project.projectNumber}-${rng.hex(6)}@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
      etagSeq: rng.int(1, 1000),
    };
    const id = sqlFullName(projectId, inst.name);
    if (drawMisconfig(ctx, rng, 'database.instance.public', id)) {
      inst.authorizedNetworks = [
        { value: '0.0.0.0/0', name: rng.pick(['anywhere', 'all', 'temp-access', '']) || undefined },
      ];
    } else if (rng.chance(0.5)) {
      inst.ipv4Enabled = false;
    } else {
      inst.authorizedNetworks = [{ value: `198.51.100.${rng.int(0, 15) * 16}/28`, name: 'office' }];
    }
    if (rng.chance(0.6) || !inst.ipv4Enabled) {
      inst.privateNetwork = `projects/${projectId}/global/networks/default`;
      inst.privateIp = `10.${rng.int(60, 90)}.${rng.int(0, 255)}.${rng.int(2, 250)}`;
    }
    if (inst.ipv4Enabled) inst.publicIp = ctx.nextExternalIp();
    if (drawMisconfig(ctx, rng, 'database.instance.no-backup', id)) inst.backupEnabled = false;
    else inst.pointInTimeRecovery = rng.chance(0.6);
    if (rng.chance(0.2)) inst.kmsKeyName = pickCmekKey(ctx, rng, region);
    inst.userLabels = labelsFor(ctx, rng, id, env, app);
    ctx.estate.sql.instances.set(`${projectId}/${inst.name}`, inst);
    counted(ctx, 'database.instance');
  }
}
