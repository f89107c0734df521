import { Rng } from '../../core/rng.ts';
import type { GcsBucket, GcsObject } from './types.ts';

const DAY = 86_400_000;

/**
 * A bucket's objects, generated the first time anyone looks (most buckets are never opened, so a
 * large estate holds no object data): a handful of small files whose names suit a bucket.
 */
export function objectsOf(bucket: GcsBucket): Map<string, GcsObject> {
  if (bucket.objects) return bucket.objects;
  const rng = new Rng(bucket.objectSeed);
  const objects = new Map<string, GcsObject>();
  const count = rng.int(0, 8);
  for (let i = 0; i < count; i++) {
    const createdMs = bucket.createdMs + rng.int(0, 200) * DAY + rng.int(0, DAY - 1);
    const kind = rng.pick(['report', 'log', 'data', 'page', 'readme'] as const);
    const name =
      kind === 'report'
        ? `reports/${new Date(createdMs).toISOString().slice(0, 10)}.csv`
        : kind === 'log'
          ? `logs/app-${rng.int(1, 99)}.log`
          : kind === 'data'
            ? `data/part-${String(i).padStart(5, '0')}.json`
            : kind === 'page'
              ? 'index.html'
              : 'README.txt';
    if (objects.has(name)) continue;
    const text = `escher-sim object ${name} in gs://${bucket.name}\n`.repeat(rng.int(1, 20));
    objects.set(name, {
      name,
      generation: String(createdMs * 1000 + i),
      createdMs,
      updatedMs: createdMs,
      contentType: name.endsWith('.csv')
        ? 'text/csv'
        : name.endsWith('.json')
          ? 'application/json'
          : name.endsWith('.html')
            ? 'text/html'
            : 'text/plain',
      data: Buffer.from(text),
    });
  }
  bucket.objects = objects;
  return objects;
}
