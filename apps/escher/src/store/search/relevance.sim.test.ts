import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Resource } from '@escher/protocol';
import { discoverSimEstate } from '../../../../../bench/search/discover-estate.ts';
import { miniSearchEngine, oramaEngine } from '../../../../../bench/search/library-engines.ts';
import { judge, runRelevance, type EngineRelevance } from '../../../../../bench/search/relevance-run.ts';
import { RELEVANCE_ESTATE, RELEVANCE_SET } from '../../../../../bench/search/relevance-set.ts';

// The relevance set over the simulator's medium estate, discovered by the real providers: Escher
// must beat MiniSearch and Orama (each in the configuration that scored best for it in
// bench/search/relevance.ts) on Recall@5, MRR and nDCG@10. Fuse.js, which needs most of a minute
// for the set, has a file of its own (relevance-fuse.sim.test.ts), so each file stays well inside
// the runner's per-file limit.
describe('search relevance against MiniSearch and Orama (medium sim estate)', () => {
  let resources: Resource[];
  let results: EngineRelevance[];
  before(async () => {
    resources = await discoverSimEstate(RELEVANCE_ESTATE);
    results = await runRelevance(resources, {
      ablations: false,
      libraries: [miniSearchEngine('AND'), oramaEngine(1)],
    });
  });

  it('labels at least 60 queries, each with something relevant in the estate', () => {
    assert.ok(RELEVANCE_SET.length >= 60);
    for (const [query, judgements] of judge(resources)) assert.ok(judgements.size > 0, query);
  });

  it('ranks better than every library on Recall@5, MRR and nDCG@10', () => {
    const [escher, ...libraries] = results;
    assert.equal(escher!.family, 'Escher');
    for (const library of libraries) {
      for (const metric of ['recallAt5', 'mrr', 'ndcgAt10'] as const) {
        assert.ok(
          escher!.overall[metric] > library.overall[metric],
          `${metric}: Escher ${escher!.overall[metric].toFixed(3)} vs ${library.engine} ${library.overall[metric].toFixed(3)}`,
        );
      }
    }
    // The first example, typed both ways: the prod postgres of each cloud on top.
    assert.ok(escher!.overall.ndcgAt10 > 0.9);
  });

  it('puts a production postgres of every cloud in the top 5 for "production postgres database" and "postgress prod db"', () => {
    const byId = new Map(resources.map((r) => [r.id, r]));
    for (const query of ['production postgres database', 'postgress prod db']) {
      const top = (results[0]!.ranked[query] ?? []).slice(0, 5).map((id) => byId.get(id)!);
      for (const cloud of ['aws', 'azure', 'gcp'] as const) {
        assert.ok(
          top.some(
            (r) =>
              r.cloud === cloud &&
              r.environment === 'prod' &&
              String(r.attributes['engine']).includes('postgres'),
          ),
          `${query}: no ${cloud} prod postgres in ${top.map((r) => r.name).join(', ')}`,
        );
      }
    }
  });
});
