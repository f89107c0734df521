import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
  paginateListAliases,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

describe('KMS', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const client = (region: string) => awsClient(KMSClient, sim, region);

  it('ListKeys (paged) + DescribeKey + GetKeyRotationStatus match the manifest', async () => {
    const noRotation = new Set(
      sim.estate().manifest.misconfigurations['security.key.no-rotation']?.resources ?? [],
    );
    let total = 0;
    for (const region of account().regions.keys()) {
      const kms = client(region);
      for await (const page of paginateListKeys({ client: kms, pageSize: 2 }, {})) {
        for (const key of page.Keys ?? []) {
          total++;
          const { KeyMetadata: meta } = await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }));
          assert.equal(meta?.Arn, key.KeyArn);
          assert.ok(meta?.CreationDate instanceof Date);
          if (meta?.KeyState === 'PendingDeletion') {
            await assert.rejects(kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId })), {
              name: 'KMSInvalidStateException',
            });
            continue;
          }
          const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyArn }));
          const flagged =
            meta?.KeyManager === 'CUSTOMER' && meta.KeyState === 'Enabled' && !rotation.KeyRotationEnabled;
          assert.equal(flagged, noRotation.has(key.KeyArn!));
          if (meta?.KeyManager === 'CUSTOMER') {
            const tags = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
            assert.ok(Array.isArray(tags.Tags));
          }
        }
      }
    }
    assert.equal(total, sim.estate().manifest.counts.aws[account().id]!['security.key']);
  });

  it('resolves aliases; NotFoundException for unknown keys', async () => {
    const region = [...account().regions.keys()][0]!;
    const kms = client(region);
    const aliases = [];
    for await (const page of paginateListAliases({ client: kms }, {})) aliases.push(...(page.Aliases ?? []));
    const alias = aliases[0]!;
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: alias.AliasName }));
    assert.equal(KeyMetadata?.KeyId, alias.TargetKeyId);
    await assert.rejects(
      kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' })),
      { name: 'NotFoundException' },
    );
  });

  it('the RDS and EBS keys that instances and volumes name exist in KMS', async () => {
    for (const [, state] of account().regions) {
      for (const db of state.rds.instances)
        if (db.storageEncrypted) assert.ok(state.kms.aliases.has(db.kmsAlias!));
      for (const v of state.ec2.volumes.values()) {
        const id = v.kmsKeyId?.split(':key/')[1];
        if (id) assert.ok(state.kms.byId.has(id), `EBS key ${id}`);
      }
    }
  });
});
