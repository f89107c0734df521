import { cpuProfile } from '../../estate/metrics.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { resourceName } from '../../estate/naming.ts';
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { vpcPlacements } from '../network-view.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import { ENGINES, INSTANCE_CLASSES } from './engines.ts';
import type { DbInstance, DbSubnetGroup } from './state.ts';

const DAY = 86_400_000;

/**
 * Generates this region's RDS DB instances, placed in this region's VPCs (a DB subnet group over
 * the VPC's subnets, one or two of its security groups). Misconfigurations, at MISCONFIG_RATES:
 * `database.instance.public` PubliclyAccessible, `database.instance.unencrypted` StorageEncrypted
 * false, `database.instance.no-backup` BackupRetentionPeriod 0 (never Aurora, whose minimum is 1).
 * About one in ten non-Aurora instances is stopped. Encrypted instances use `alias/aws/rds`
 * (or a customer key of this region, resolved when described).
 * Native id: `arn:aws:rds:{region}:{account}:db:{identifier}`.
 */
export function generateRds(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  const rng = ctx.rng.fork('rds');
  const { account, manifest } = ctx;
  const state = region.rds;
  const vpcs = vpcPlacements(region);
  const endpointSuffix = `${rng.upperAlnum(12).toLowerCase()}.${ctx.region}.rds.amazonaws.com`;
  const azs = ['a', 'b', 'c'].map((z) => `${ctx.region}${z}`);
  for (let i = 0; i < budget.dbInstances; i++) {
    const labels = drawLabels(rng);
    const spec = rng.weighted(ENGINES.map((e) => [e, e.weight] as const));
    const aurora = spec.engine.startsWith('aurora');
    let id = resourceName(rng, labels.app, aurora ? 'aurora' : 'db', labels.env, i + 1);
    while (state.byId.has(id)) id = `${id}-${rng.int(2, 9)}`;
    const arn = `arn:aws:rds:${ctx.region}:${account.id}:db:${id}`;
    const isPublic = rng.chance(MISCONFIG_RATES['database.instance.public']);
    const unencrypted = rng.chance(MISCONFIG_RATES['database.instance.unencrypted']);
    const noBackup = !aurora && rng.chance(MISCONFIG_RATES['database.instance.no-backup']);
    const vpc = vpcs.length ? rng.pick(vpcs) : undefined;
    const subnetGroup: DbSubnetGroup | undefined = vpc
      ? {
          name: rng.chance(0.3) ? `default-${vpc.vpcId}` : `${labels.app}-db-subnets`,
          vpcId: vpc.vpcId,
          subnets: vpc.subnets.slice(0, 3),
        }
      : undefined;
    const az = subnetGroup?.subnets.length ? rng.pick(subnetGroup.subnets).az : rng.pick(azs);
    const storageType = aurora
      ? 'aurora'
      : rng.weighted([
          ['gp3', 6],
          ['gp2', 3],
          ['io1', 1],
        ] as const);
    const db: DbInstance = {
      id,
      arn,
      resourceId: `db-${rng.upperAlnum(26)}`,
      engine: spec.engine,
      engineVersion: rng.pick(spec.versions),
      // Aurora runs on burstable-medium and memory-optimised classes only.
      instanceClass: rng.weighted(
        aurora
          ? INSTANCE_CLASSES.filter(([c]) => c.startsWith('db.r') || c === 'db.t4g.medium')
          : INSTANCE_CLASSES,
      ),
      allocatedStorage: aurora ? 1 : rng.pick([20, 50, 100, 200, 500, 1000]),
      storageType,
      iops: storageType === 'io1' ? rng.pick([1000, 3000, 10000]) : storageType === 'gp3' ? 3000 : undefined,
      publiclyAccessible: isPublic,
      storageEncrypted: !unencrypted,
      kmsAlias: unencrypted ? undefined : 'alias/aws/rds',
      backupRetentionPeriod: noBackup ? 0 : rng.pick([1, 7, 7, 14, 30, 35]),
      multiAz: !aurora && labels.env === 'prod' && rng.chance(0.6),
      az,
      subnetGroup,
      securityGroupIds: vpc ? vpc.securityGroupIds.slice(0, rng.int(1, 2)) : [],
      endpointAddress: `${id}.${endpointSuffix}`,
      port: spec.port,
      masterUsername: spec.user,
      dbName: spec.engine.startsWith('sqlserver') ? undefined : labels.app.replace(/-/g, '_'),
      clusterId: aurora ? `${labels.app}-cluster-${labels.env}` : undefined,
      licenseModel: spec.license,
      deletionProtection: labels.env === 'prod' && rng.chance(0.7),
      createdAt: ctx.epoch - rng.int(10, 1500) * DAY - rng.int(0, 86_399) * 1000,
      tags: labels.tags,
      cpuProfile: cpuProfile(rng, rng.chance(0.1)),
      state: !aurora && rng.chance(0.1) ? 'stopped' : 'available',
    };
    if (isPublic) manifest.misconfig('database.instance.public', arn);
    if (unencrypted) manifest.misconfig('database.instance.unencrypted', arn);
    if (noBackup) manifest.misconfig('database.instance.no-backup', arn);
    state.instances.push(db);
    state.byId.set(id, db);
    manifest.resource('aws', account.id, 'database.instance');
    recordUntagged(manifest, arn, db.tags);
  }
}
