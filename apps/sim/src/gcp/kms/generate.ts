import type { Rng } from '../../core/rng.ts';
import { fullName } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import type { KmsCryptoKey, KmsKeyRing } from './types.ts';

const DAY_S = 86_400;

/** `//cloudkms.googleapis.com/projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}`. */
export function cryptoKeyFullName(key: KmsCryptoKey): string {
  return fullName('cloudkms', cryptoKeyPath(key));
}

export function cryptoKeyPath(key: Pick<KmsCryptoKey, 'project' | 'location' | 'keyRing' | 'name'>): string {
  return `projects/${key.project}/locations/${key.location}/keyRings/${key.keyRing}/cryptoKeys/${key.name}`;
}

/**
 * Key rings (one or two per region, sometimes `global`) and symmetric crypto keys. Keys without a
 * rotation period are the `security.key.no-rotation` misconfiguration.
 */
export function generateKms(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('kms');
  const { projectId } = ctx.project;
  const rings: KmsKeyRing[] = [];
  const locations = [...ctx.project.regions, ...(rng.chance(0.5) ? ['global'] : [])];
  const ringCount = Math.min(Math.max(1, Math.ceil(ctx.budget.cryptoKeys / 3)), locations.length * 2);
  const ringNames = new Map<string, NameSet>();
  for (let i = 0; i < ringCount; i++) {
    const location = locations[i % locations.length]!;
    let names = ringNames.get(location);
    if (!names) ringNames.set(location, (names = new NameSet()));
    const ring: KmsKeyRing = {
      project: projectId,
      location,
      name: names.take(
        rng.pick([
          `${ctx.app}-keyring`,
          `${ctx.env}-keys`,
          'cmek',
          'terraform',
          `${ctx.app}-${location === 'global' ? 'global' : 'kr'}`,
        ]),
      ),
      createdMs: ctx.project.createdMs + rng.int(1, 300) * 86_400_000,
    };
    rings.push(ring);
    ctx.estate.kms.keyRings.push(ring);
  }
  const keyNames = new Map<KmsKeyRing, NameSet>();
  for (let i = 0; i < ctx.budget.cryptoKeys; i++) {
    const ring = rings[i % rings.length]!;
    let names = keyNames.get(ring);
    if (!names) keyNames.set(ring, (names = new NameSet()));
    const { env, app } = envAndApp(ctx, rng);
    const key: KmsCryptoKey = {
      project: projectId,
      location: ring.location,
      keyRing: ring.name,
      name: names.take(
        rng.pick([
          `${app}-key`,
          `${app}-disk-key`,
          `${app}-bucket-key`,
          'sql-cmek',
          'default-key',
          `${app}-${env}`,
        ]),
      ),
      createdMs: ring.createdMs + rng.int(0, 200) * 86_400_000,
      primaryVersion: 1,
      protectionLevel: rng.chance(0.15) ? 'HSM' : 'SOFTWARE',
      labels: {},
    };
    const id = cryptoKeyFullName(key);
    if (!drawMisconfig(ctx, rng, 'security.key.no-rotation', id)) {
      key.rotationPeriodSeconds = rng.pick([30, 90, 90, 180, 365]) * DAY_S;
      key.nextRotationMs = ctx.epoch + rng.int(1, Math.floor(key.rotationPeriodSeconds / DAY_S)) * 86_400_000;
      key.primaryVersion = rng.int(1, 8);
    }
    key.labels = labelsFor(ctx, rng, id, env, app);
    ctx.estate.kms.cryptoKeys.push(key);
    counted(ctx, 'security.key');
  }
}

/** A customer-managed key path in this project near `region`, if the project has one. */
export function pickCmekKey(ctx: GcpGenContext, rng: Rng, region: string): string | undefined {
  if (!ctx.cmekKeys) {
    ctx.cmekKeys = new Map();
    for (const key of ctx.estate.kms.cryptoKeys) {
      if (key.project !== ctx.project.projectId) continue;
      for (const loc of [key.location, '*']) {
        let list = ctx.cmekKeys.get(loc);
        if (!list) ctx.cmekKeys.set(loc, (list = []));
        list.push(cryptoKeyPath(key));
      }
    }
  }
  const pool = ctx.cmekKeys.get(region) ?? ctx.cmekKeys.get('*');
  return pool && pool.length > 0 ? rng.pick(pool) : undefined;
}
