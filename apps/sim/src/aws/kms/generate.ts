import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { envToken } from '../../estate/naming.ts';
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import type { KmsKey, KmsState } from './state.ts';

const DAY = 86_400_000;
const MANAGED = ['aws/rds', 'aws/ebs', 'aws/s3', 'aws/lambda', 'aws/secretsmanager', 'aws/sns'];

/**
 * Generates this region's KMS keys: a few AWS-managed keys (`alias/aws/rds` always when an RDS
 * instance here is encrypted, `alias/aws/ebs` with the id EC2's encrypted volumes name; rotation on, untaggable, exempt from `resource.untagged`) and
 * customer-managed keys with an alias each. `security.key.no-rotation`: an enabled
 * customer-managed key with automatic rotation off. Native id: `arn:aws:kms:{region}:{account}:key/{keyId}`.
 */
export function generateKms(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  const rng = ctx.rng.fork('kms');
  const { account, manifest } = ctx;
  const state = region.kms;
  const managed = Math.min(MANAGED.length, Math.floor(budget.keys / 3));
  const needsRds = region.rds.instances.some((db) => db.storageEncrypted);
  const ebsKeyId = ebsKeyOf(region);
  const managedAliases = MANAGED.slice(0, managed);
  if (needsRds && !managedAliases.includes('aws/rds')) managedAliases.unshift('aws/rds');
  if (ebsKeyId && !managedAliases.includes('aws/ebs')) managedAliases.unshift('aws/ebs');
  for (const alias of managedAliases) {
    // EC2 names its encrypted volumes' aws/ebs key before KMS runs: keep that id.
    const id = alias === 'aws/ebs' && ebsKeyId ? ebsKeyId : rng.uuid();
    const key: KmsKey = {
      id,
      arn: `arn:aws:kms:${ctx.region}:${account.id}:key/${id}`,
      createdAt: ctx.epoch - rng.int(300, 2000) * DAY,
      description: `Default key that protects my ${alias.slice(4).toUpperCase()} data when no other key is defined`,
      manager: 'AWS',
      state: 'Enabled',
      rotation: true,
      tags: {},
    };
    add(state, key, `alias/${alias}`);
    manifest.resource('aws', account.id, 'security.key');
  }
  for (let i = managedAliases.length; i < budget.keys; i++) {
    const labels = drawLabels(rng);
    const id = rng.uuid();
    const arn = `arn:aws:kms:${ctx.region}:${account.id}:key/${id}`;
    const roll = rng.next();
    const keyState: KmsKey['state'] = roll < 0.05 ? 'PendingDeletion' : roll < 0.12 ? 'Disabled' : 'Enabled';
    const noRotation = rng.chance(MISCONFIG_RATES['security.key.no-rotation']);
    const key: KmsKey = {
      id,
      arn,
      createdAt: ctx.epoch - rng.int(5, 1500) * DAY,
      description: `${labels.app} ${rng.pick(['data', 'secrets', 'backups', 'logs'])} key`,
      manager: 'CUSTOMER',
      state: keyState,
      rotation: keyState === 'Enabled' ? !noRotation : rng.chance(0.5),
      deletionDate: keyState === 'PendingDeletion' ? ctx.epoch + rng.int(3, 30) * DAY : undefined,
      tags: labels.tags,
    };
    let alias = `alias/${labels.app}-${envToken(rng, labels.env)}`;
    for (let n = 2; state.aliases.has(alias); n++)
      alias = `alias/${labels.app}-${envToken(rng, labels.env)}-${n}`;
    add(state, key, alias);
    if (keyState === 'Enabled' && noRotation) manifest.misconfig('security.key.no-rotation', arn);
    manifest.resource('aws', account.id, 'security.key');
    recordUntagged(manifest, arn, key.tags);
  }
}

function add(state: KmsState, key: KmsKey, alias: string): void {
  state.keys.push(key);
  state.byId.set(key.id, key);
  state.aliases.set(alias, { name: alias, keyId: key.id, createdAt: key.createdAt });
}

/** The key id EC2's encrypted volumes and snapshots in this region use, if any. */
function ebsKeyOf(region: AwsRegionState): string | undefined {
  for (const volume of region.ec2.volumes.values()) {
    const id = volume.kmsKeyId?.split(':key/')[1];
    if (id) return id;
  }
  for (const snapshot of region.ec2.snapshots.values()) {
    const id = snapshot.kmsKeyId?.split(':key/')[1];
    if (id) return id;
  }
  return undefined;
}
