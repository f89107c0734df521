// The simulator's estate as a sync sees it: escher-sim as a child process, each cloud's provider
// discovering every account, region and service, normalised exactly as `escher sync` stores it.
// One implementation serves the search benchmarks and the ask exactness reference.
import type { Resource } from '@escher/protocol';
import { discoverSimEstateWithManifest } from '../../apps/escher/src/ask/testing/sim-estate.ts';

/**
 * Discovers a seeded simulator estate through the three providers (about 20 s for `medium` on
 * two cores). Resources come back in discovery order, which is deterministic for a seed.
 */
export async function discoverSimEstate(options: { seed: number; size: string }): Promise<Resource[]> {
  return (await discoverSimEstateWithManifest(options)).resources;
}
