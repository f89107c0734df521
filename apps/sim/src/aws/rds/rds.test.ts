import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsToResourceCommand,
  CreateDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
  paginateDescribeDBInstances,
  type DBInstance,
} from '@aws-sdk/client-rds';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  return 'no error';
}

describe('RDS', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium', manualClock: true, transitionMs: 60_000 });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const client = (region: string) => awsClient(RDSClient, sim, region);

  async function listAll(region: string, pageSize?: number): Promise<DBInstance[]> {
    const out: DBInstance[] = [];
    for await (const page of paginateDescribeDBInstances(
      { client: client(region), ...(pageSize ? { pageSize } : {}) },
      {},
    ))
      out.push(...(page.DBInstances ?? []));
    return out;
  }

  it('lists every instance of the account, as many as the manifest counts, with real fields', async () => {
    let total = 0;
    for (const region of account().regions.keys()) {
      const dbs = await listAll(region, 20);
      total += dbs.length;
      for (const db of dbs) {
        assert.match(
          db.DBInstanceArn!,
          new RegExp(`^arn:aws:rds:${region}:${account().id}:db:${db.DBInstanceIdentifier}$`),
        );
        assert.ok(['available', 'stopped'].includes(db.DBInstanceStatus!));
        assert.ok(db.Engine && db.EngineVersion && db.DBInstanceClass);
        assert.ok(Array.isArray(db.TagList));
        if (db.DBSubnetGroup) {
          const ec2 = account().regions.get(region)!.ec2;
          assert.ok(ec2.vpcs.has(db.DBSubnetGroup.VpcId!));
          for (const s of db.DBSubnetGroup.Subnets!) assert.ok(ec2.subnets.has(s.SubnetIdentifier!));
          for (const g of db.VpcSecurityGroups!) assert.ok(ec2.securityGroups.has(g.VpcSecurityGroupId!));
        }
        if (db.StorageEncrypted) assert.match(db.KmsKeyId!, /^arn:aws:kms:/);
      }
    }
    assert.equal(total, sim.estate().manifest.counts.aws[account().id]!['database.instance']);
  });

  it('flags match the manifest: public, unencrypted, no backup', async () => {
    const m = sim.estate().manifest.misconfigurations;
    const set = (id: keyof typeof m) => new Set(m[id]?.resources ?? []);
    const dbs = (await Promise.all([...account().regions.keys()].map((r) => listAll(r)))).flat();
    for (const db of dbs) {
      assert.equal(db.PubliclyAccessible, set('database.instance.public').has(db.DBInstanceArn!));
      assert.equal(
        db.StorageEncrypted === false,
        set('database.instance.unencrypted').has(db.DBInstanceArn!),
      );
      assert.equal(db.BackupRetentionPeriod === 0, set('database.instance.no-backup').has(db.DBInstanceArn!));
    }
  });

  it('pages under a page-size fault and rejects MaxRecords outside 20–100', async () => {
    const region = [...account().regions.keys()][0]!;
    const expected = (await listAll(region)).length;
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 3, emptyPageEvery: 2 } });
    try {
      assert.equal((await listAll(region, 20)).length, expected);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
    assert.equal(
      await errorName(client(region).send(new DescribeDBInstancesCommand({ MaxRecords: 10 }))),
      'InvalidParameterValue',
    );
  });

  it('filters by engine and identifier; DBInstanceNotFound otherwise', async () => {
    const region = [...account().regions.keys()][0]!;
    const rds = client(region);
    const all = await listAll(region);
    const engine = all[0]!.Engine!;
    const filtered = await rds.send(
      new DescribeDBInstancesCommand({ Filters: [{ Name: 'engine', Values: [engine] }] }),
    );
    assert.equal(filtered.DBInstances!.length, all.filter((d) => d.Engine === engine).length);
    const one = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: all[0]!.DBInstanceIdentifier }),
    );
    assert.equal(one.DBInstances![0]!.DBInstanceArn, all[0]!.DBInstanceArn);
    assert.equal(
      await errorName(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' }))),
      'DBInstanceNotFoundFault',
    );
  });

  it('stop → stopping → stopped → start → starting → available on the sim clock', async () => {
    const region = [...account().regions.keys()][0]!;
    const rds = client(region);
    const db = (await listAll(region)).find(
      (d) => d.DBInstanceStatus === 'available' && !d.DBClusterIdentifier,
    )!;
    const id = db.DBInstanceIdentifier!;
    const status = async () =>
      (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!
        .DBInstanceStatus;
    assert.equal(
      (await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: id }))).DBInstance!.DBInstanceStatus,
      'stopping',
    );
    assert.equal(
      await errorName(rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: id }))),
      'InvalidDBInstanceStateFault',
    );
    sim.clock.advance(60_000);
    assert.equal(await status(), 'stopped');
    assert.equal(
      await errorName(rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: id }))),
      'InvalidDBInstanceStateFault',
    );
    assert.equal(
      (await rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: id }))).DBInstance!.DBInstanceStatus,
      'starting',
    );
    sim.clock.advance(60_000);
    assert.equal(await status(), 'available');
    assert.equal(
      (await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: id }))).DBInstance!
        .DBInstanceStatus,
      'rebooting',
    );
    sim.clock.advance(60_000);
    assert.equal(await status(), 'available');
  });

  it('ModifyDBInstance applies immediately through modifying, or waits as a pending value', async () => {
    const region = [...account().regions.keys()][0]!;
    const rds = client(region);
    const dbs = (await listAll(region)).filter(
      (d) => d.DBInstanceStatus === 'available' && !d.DBClusterIdentifier,
    );
    const [a, b] = dbs;
    const out = await rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: a!.DBInstanceIdentifier,
        DBInstanceClass: 'db.m6i.large',
        ApplyImmediately: true,
        PubliclyAccessible: false,
        BackupRetentionPeriod: 7,
      }),
    );
    assert.equal(out.DBInstance!.DBInstanceStatus, 'modifying');
    sim.clock.advance(60_000);
    const after = (
      await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: a!.DBInstanceIdentifier }))
    ).DBInstances![0]!;
    assert.equal(after.DBInstanceStatus, 'available');
    assert.equal(after.DBInstanceClass, 'db.m6i.large');
    assert.equal(after.PubliclyAccessible, false);
    assert.equal(after.BackupRetentionPeriod, 7);
    const later = await rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: b!.DBInstanceIdentifier,
        DBInstanceClass: 'db.r6g.xlarge',
      }),
    );
    assert.equal(later.DBInstance!.PendingModifiedValues?.DBInstanceClass, 'db.r6g.xlarge');
    assert.equal(later.DBInstance!.DBInstanceClass, b!.DBInstanceClass);
  });

  it('CreateDBSnapshot creates once, then DBSnapshotAlreadyExists', async () => {
    const region = [...account().regions.keys()][0]!;
    const rds = client(region);
    const db = (await listAll(region)).find(
      (d) => d.DBInstanceStatus === 'available' && !d.DBClusterIdentifier,
    )!;
    const snap = await rds.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: db.DBInstanceIdentifier,
        DBSnapshotIdentifier: 'before-upgrade',
      }),
    );
    assert.equal(snap.DBSnapshot!.Status, 'creating');
    assert.equal(snap.DBSnapshot!.DBInstanceIdentifier, db.DBInstanceIdentifier);
    sim.clock.advance(60_000);
    const listed = await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'before-upgrade' }));
    assert.equal(listed.DBSnapshots![0]!.Status, 'available');
    assert.equal(
      await errorName(
        rds.send(
          new CreateDBSnapshotCommand({
            DBInstanceIdentifier: db.DBInstanceIdentifier,
            DBSnapshotIdentifier: 'before-upgrade',
          }),
        ),
      ),
      'DBSnapshotAlreadyExistsFault',
    );
  });

  it('tags stick: AddTagsToResource, ListTagsForResource, RemoveTagsFromResource', async () => {
    const region = [...account().regions.keys()][0]!;
    const rds = client(region);
    const arn = (await listAll(region))[0]!.DBInstanceArn!;
    await rds.send(
      new AddTagsToResourceCommand({
        ResourceName: arn,
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'reviewed', Value: 'yes' },
        ],
      }),
    );
    let tags = (await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList!;
    assert.equal(tags.find((t) => t.Key === 'reviewed')?.Value, 'yes');
    assert.equal(tags.find((t) => t.Key === 'env')?.Value, 'prod');
    await rds.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['reviewed'] }));
    tags = (await rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList!;
    assert.ok(!tags.some((t) => t.Key === 'reviewed'));
    const missing = arn.replace(/db:.*$/, 'db:does-not-exist');
    assert.equal(
      await errorName(rds.send(new ListTagsForResourceCommand({ ResourceName: missing }))),
      'DBInstanceNotFoundFault',
    );
  });
});
