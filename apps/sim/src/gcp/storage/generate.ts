import { GCP_REGIONS } from '../catalog.ts';
import { fullName } from '../ids.ts';
import { counted, drawMisconfig, envAndApp, labelsFor, type GcpGenContext } from '../generate-context.ts';
import { pickCmekKey } from '../kms/generate.ts';
import type { GcsBucket, IamBinding } from './types.ts';

const PURPOSES = [
  'assets',
  'backups',
  'logs',
  'data',
  'exports',
  'uploads',
  'static',
  'tfstate',
  'ml-models',
  'reports',
  'archive',
  'media',
] as const;
const DAY = 86_400_000;

export function bucketFullName(name: string): string {
  return fullName('storage', `projects/_/buckets/${name}`);
}

/** The bindings every bucket starts with (project owners/editors/viewers through legacy roles). */
export function defaultBucketBindings(projectId: string): IamBinding[] {
  return [
    {
      role: 'roles/storage.legacyBucketOwner',
      members: [`projectEditor:${projectId}`, `projectOwner:${projectId}`],
    },
    { role: 'roles/storage.legacyBucketReader', members: [`projectViewer:${projectId}`] },
  ];
}

/**
 * Cloud Storage buckets of one project, with globally unique names. Public buckets
 * (`storage.bucket.public`) grant `roles/storage.objectViewer` to `allUsers`; versioning is off at
 * the `storage.bucket.no-versioning` rate (sometimes `{enabled:false}`, sometimes never set).
 * Encryption is always on in Cloud Storage (Google-managed or CMEK), so there is no unencrypted
 * bucket.
 */
export function generateBuckets(ctx: GcpGenContext, taken: Set<string>): void {
  const rng = ctx.rng.fork('buckets');
  const { projectId, projectNumber } = ctx.project;
  for (let i = 0; i < ctx.budget.buckets; i++) {
    const { env, app } = envAndApp(ctx, rng);
    const purpose = rng.pick(PURPOSES);
    let name = rng.chance(0.5) ? `${projectId}-${purpose}` : `${app}-${env}-${purpose}`;
    while (taken.has(name)) name = `${name.slice(0, 50)}-${rng.hex(4)}`;
    taken.add(name);
    const multi = rng.chance(0.4);
    const region = rng.pick(ctx.project.regions);
    const createdMs = ctx.epoch - rng.int(2, 1200) * DAY - rng.int(0, DAY - 1);
    const bucket: GcsBucket = {
      name,
      project: projectId,
      projectNumber,
      createdMs,
      updatedMs: createdMs + rng.int(0, 30) * DAY,
      metageneration: rng.int(1, 6),
      location: multi
        ? (GCP_REGIONS.find((r) => r.name === region)?.multiRegion ?? 'US')
        : region.toUpperCase(),
      locationType: multi ? 'multi-region' : 'region',
      storageClass:
        purpose === 'archive'
          ? 'ARCHIVE'
          : purpose === 'backups'
            ? rng.pick(['NEARLINE', 'COLDLINE'] as const)
            : 'STANDARD',
      uniformAccess: rng.chance(0.7),
      publicAccessPrevention: 'inherited',
      labels: {},
      iam: { version: 1, bindings: defaultBucketBindings(projectId) },
      objectSeed: rng.int(1, 2 ** 30),
    };
    const id = bucketFullName(name);
    if (drawMisconfig(ctx, rng, 'storage.bucket.public', id)) {
      bucket.iam.bindings.push({
        role: rng.chance(0.8) ? 'roles/storage.objectViewer' : 'roles/storage.legacyObjectReader',
        members: ['allUsers'],
      });
    } else if (rng.chance(0.5)) {
      bucket.publicAccessPrevention = 'enforced';
    }
    if (drawMisconfig(ctx, rng, 'storage.bucket.no-versioning', id)) {
      bucket.versioning = rng.chance(0.5) ? false : undefined;
    } else {
      bucket.versioning = true;
    }
    if (rng.chance(0.2)) bucket.kmsKeyName = pickCmekKey(ctx, rng, multi ? 'global' : region);
    bucket.labels = labelsFor(ctx, rng, id, env, app);
    ctx.estate.storage.buckets.set(name, bucket);
    counted(ctx, 'storage.bucket');
  }
}
