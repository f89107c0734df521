import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddTagsToResourceCommand,
  CreateDBSnapshotCommand,
  DescribeDBInstancesCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import type { AwsClients } from './clients.ts';
import { assertAwsError, assertSameError, assertSameShape, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoRds } from './seed-moto-services.ts';
import { take } from './targets.ts';

/** Available DB instances (identifier and ARN), in identifier order; each mutating test takes its own. */
interface RdsTargets {
  available: { id: string; arn: string }[];
}

async function discoverRds(c: AwsClients): Promise<RdsTargets> {
  const out = await c.rds
    .send(new DescribeDBInstancesCommand({ MaxRecords: 100 }))
    .catch(() => ({ DBInstances: [] }));
  const available = (out.DBInstances ?? [])
    .filter((d) => d.DBInstanceStatus === 'available')
    .map((d) => ({ id: d.DBInstanceIdentifier!, arn: d.DBInstanceArn! }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { available };
}

const GHOST = 'diff-no-such-db';

describe('RDS: the simulator answers like moto', () => {
  let env: DiffEnv;
  let mt: RdsTargets;
  let st: RdsTargets;
  const pair = (what = 'available DB instances') =>
    [take(mt.available, what), take(st.available, what)] as const;

  before(async () => {
    env = await startDiffEnv();
    await seedMotoRds(env.m, 7);
    [mt, st] = await Promise.all([discoverRds(env.m), discoverRds(env.s)]);
  });
  after(() => env?.close());

  it('DescribeDBInstances', async (t) => {
    const [m, s] = await Promise.all(
      [env.m, env.s].map((c) => c.rds.send(new DescribeDBInstancesCommand({}))),
    );
    assertSameShape(t, 'DescribeDBInstances', m, s);
  });

  it('StopDBInstance then StartDBInstance', async (t) => {
    const [m, s] = pair();
    const [ms, ss] = await Promise.all([
      env.m.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: m.id })),
      env.s.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: s.id })),
    ]);
    assertSameShape(t, 'StopDBInstance', ms, ss);
    const [mr, sr] = await Promise.all([
      env.m.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: m.id })),
      env.s.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: s.id })),
    ]);
    assertSameShape(t, 'StartDBInstance', mr, sr);
  });

  it('RebootDBInstance', async (t) => {
    const [m, s] = pair();
    const [mr, sr] = await Promise.all([
      env.m.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: m.id })),
      env.s.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: s.id })),
    ]);
    assertSameShape(t, 'RebootDBInstance', mr, sr);
  });

  it('CreateDBSnapshot', async (t) => {
    const [m, s] = pair();
    const [mr, sr] = await Promise.all([
      env.m.rds.send(
        new CreateDBSnapshotCommand({ DBInstanceIdentifier: m.id, DBSnapshotIdentifier: 'diff-snap-1' }),
      ),
      env.s.rds.send(
        new CreateDBSnapshotCommand({ DBInstanceIdentifier: s.id, DBSnapshotIdentifier: 'diff-snap-1' }),
      ),
    ]);
    assertSameShape(t, 'CreateDBSnapshot', mr, sr);
    await assertSameError(
      'CreateDBSnapshot(duplicate)',
      () =>
        env.m.rds.send(
          new CreateDBSnapshotCommand({ DBInstanceIdentifier: m.id, DBSnapshotIdentifier: 'diff-snap-1' }),
        ),
      () =>
        env.s.rds.send(
          new CreateDBSnapshotCommand({ DBInstanceIdentifier: s.id, DBSnapshotIdentifier: 'diff-snap-1' }),
        ),
      'DBSnapshotAlreadyExists',
    );
  });

  it('ModifyDBInstance changes the class when applied immediately', async (t) => {
    const [m, s] = pair();
    const modify = (c: AwsClients, id: string) =>
      c.rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBInstanceClass: 'db.m5.large',
          ApplyImmediately: true,
        }),
      );
    const [mr, sr] = await Promise.all([modify(env.m, m.id), modify(env.s, s.id)]);
    assertSameShape(t, 'ModifyDBInstance', mr, sr);
    const after = await env.s.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: s.id }));
    assert.equal(after.DBInstances?.[0]?.DBInstanceClass, 'db.m5.large');
  });

  it('AddTagsToResource then ListTagsForResource shows the tag', async (t) => {
    const [m, s] = [mt.available[0]!, st.available[0]!];
    const add = (c: AwsClients, arn: string) =>
      c.rds.send(
        new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'diff-probe', Value: 'on' }] }),
      );
    const [ma, sa] = await Promise.all([add(env.m, m.arn), add(env.s, s.arn)]);
    assertSameShape(t, 'AddTagsToResource', ma, sa);
    const list = (c: AwsClients, arn: string) =>
      c.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }));
    const [ml, sl] = await Promise.all([list(env.m, m.arn), list(env.s, s.arn)]);
    assertSameShape(t, 'ListTagsForResource', ml, sl);
    assert.ok(sl.TagList?.some((x) => x.Key === 'diff-probe' && x.Value === 'on'));
  });

  describe('errors', () => {
    for (const [op, call] of [
      [
        'DescribeDBInstances',
        (c: AwsClients) => c.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: GHOST })),
      ],
      [
        'StopDBInstance',
        (c: AwsClients) => c.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: GHOST })),
      ],
      [
        'StartDBInstance',
        (c: AwsClients) => c.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: GHOST })),
      ],
      [
        'RebootDBInstance',
        (c: AwsClients) => c.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: GHOST })),
      ],
      [
        'ModifyDBInstance',
        (c: AwsClients) =>
          c.rds.send(
            new ModifyDBInstanceCommand({ DBInstanceIdentifier: GHOST, DBInstanceClass: 'db.t3.large' }),
          ),
      ],
      [
        'CreateDBSnapshot',
        (c: AwsClients) =>
          c.rds.send(
            new CreateDBSnapshotCommand({
              DBInstanceIdentifier: GHOST,
              DBSnapshotIdentifier: 'diff-ghost-snap',
            }),
          ),
      ],
    ] as const) {
      it(`${op} on an unknown instance → DBInstanceNotFound`, () =>
        assertSameError(
          `${op}(unknown)`,
          () => call(env.m),
          () => call(env.s),
          'DBInstanceNotFound',
        ));
    }

    it('StopDBInstance on a stopped instance → InvalidDBInstanceState', async () => {
      const [m, s] = pair();
      await Promise.all([
        env.m.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: m.id })),
        env.s.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: s.id })),
      ]);
      await assertSameError(
        'StopDBInstance(stopped)',
        () => env.m.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: m.id })),
        () => env.s.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: s.id })),
        'InvalidDBInstanceState',
      );
    });

    it('StartDBInstance on an available instance → InvalidDBInstanceState', () =>
      assertSameError(
        'StartDBInstance(available)',
        () => env.m.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: mt.available[0]!.id })),
        () => env.s.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: st.available[0]!.id })),
        'InvalidDBInstanceState',
      ));

    it('ListTagsForResource of an unknown instance ARN → DBInstanceNotFound (AWS; moto answers an empty list)', async () => {
      const arn =
        st.available[0]?.arn.replace(/:db:.*/, `:db:${GHOST}`) ??
        `arn:aws:rds:us-east-1:000000000000:db:${GHOST}`;
      await assertAwsError(
        'ListTagsForResource(unknown)',
        () => env.s.rds.send(new ListTagsForResourceCommand({ ResourceName: arn })),
        'DBInstanceNotFound',
        404,
      );
    });
  });
});
