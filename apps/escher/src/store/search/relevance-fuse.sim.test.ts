import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoverSimEstate } from '../../../../../bench/search/discover-estate.ts';
import { fuseEngine } from '../../../../../bench/search/library-engines.ts';
import { runRelevance } from '../../../../../bench/search/relevance-run.ts';
import { RELEVANCE_ESTATE } from '../../../../../bench/search/relevance-set.ts';

// As relevance.sim.test.ts, against Fuse.js 7.5 with token search (its best configuration here).
test('search ranks better than Fuse.js on Recall@5, MRR and nDCG@10 (medium sim estate)', async () => {
  const resources = await discoverSimEstate(RELEVANCE_ESTATE);
  const [escher, fuse] = await runRelevance(resources, {
    ablations: false,
    libraries: [fuseEngine('tokens')],
  });
  for (const metric of ['recallAt5', 'mrr', 'ndcgAt10'] as const) {
    assert.ok(
      escher!.overall[metric] > fuse!.overall[metric],
      `${metric}: Escher ${escher!.overall[metric].toFixed(3)} vs ${fuse!.engine} ${fuse!.overall[metric].toFixed(3)}`,
    );
  }
});
