import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { APPS, OWNERS } from '../../estate/naming.ts';
import type { AwsGenContext } from '../generate-context.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import { addUser, type IamAccessKey, type IamUser } from './state.ts';

const DAY = 86_400_000;
const SURNAMES = [
  'smith',
  'jones',
  'garcia',
  'chen',
  'patel',
  'kim',
  'nguyen',
  'muller',
  'rossi',
  'silva',
  'novak',
  'ahmed',
];

/**
 * Users: people (`alice.chen`, console login, usually with MFA) and machine users (`svc-payments`,
 * `ci-deploy`: access keys, no console). `iam.user.no-mfa` is a console user without an MFA device;
 * `iam.user.old-access-key` a user with an active key created more than 90 days before the epoch
 * (other keys are at most 80 days old, so the split holds for weeks of simulated time).
 * Native id: `arn:aws:iam::{account}:user/{name}`.
 */
export function generateUsers(ctx: AwsGenContext, rng: Rng, count: number): void {
  const { account, epoch, manifest } = ctx;
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const human = rng.chance(0.65);
    const name = unique(taken, human ? `${rng.pick(OWNERS)}.${rng.pick(SURNAMES)}` : machineName(rng));
    const createdAt = epoch - rng.int(20, 1500) * DAY;
    const arn = `arn:aws:iam::${account.id}:user/${name}`;
    const labels = drawLabels(rng);
    const user: IamUser = {
      name,
      id: `AIDA${rng.upperAlnum(16)}`,
      arn,
      path: '/',
      createdAt,
      mfaDevices: [],
      accessKeys: [],
      tags: labels.tags,
    };
    const consoleAccess = human || rng.chance(0.1);
    if (consoleAccess) {
      user.loginProfile = { createdAt: createdAt + rng.int(0, 3) * DAY };
      user.passwordLastUsed = rng.chance(0.85)
        ? epoch - rng.int(0, 60) * DAY - rng.int(0, 86_399) * 1000
        : undefined;
      if (rng.chance(MISCONFIG_RATES['iam.user.no-mfa'])) manifest.misconfig('iam.user.no-mfa', arn);
      else
        user.mfaDevices.push({
          serial: `arn:aws:iam::${account.id}:mfa/${name}`,
          enabledAt: createdAt + rng.int(0, 10) * DAY,
        });
    }
    if (!human || rng.chance(0.35)) {
      const old = rng.chance(MISCONFIG_RATES['iam.user.old-access-key']);
      user.accessKeys.push(
        accessKey(rng, old ? epoch - rng.int(91, 900) * DAY : epoch - rng.int(1, 80) * DAY, 'Active'),
      );
      if (rng.chance(0.2))
        user.accessKeys.push(
          accessKey(rng, epoch - rng.int(1, 80) * DAY, rng.chance(0.5) ? 'Inactive' : 'Active'),
        );
      if (old) manifest.misconfig('iam.user.old-access-key', arn);
    }
    addUser(account.iam, user);
    manifest.resource('aws', account.id, 'iam.user');
    recordUntagged(manifest, arn, user.tags);
  }
}

function accessKey(rng: Rng, createdAt: number, status: IamAccessKey['status']): IamAccessKey {
  return { id: `AKIA${rng.upperAlnum(16)}`, status, createdAt };
}

function machineName(rng: Rng): string {
  return rng.pick([
    `svc-${rng.pick(APPS)}`,
    `${rng.pick(APPS)}-deployer`,
    'ci-deploy',
    'terraform',
    'backup-agent',
    'datadog-integration',
    `${rng.pick(APPS)}-s3-uploader`,
  ]);
}

function unique(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
  taken.add(candidate);
  return candidate;
}
