// `node --import tsx bench/intent/intent-accuracy.ts [--verbose]`: per-field accuracy of the
// deterministic intent parser over the labelled set (packages/knowledge/src/intent/fixtures), its
// exact-match rate, and parse latency over the set ×100. See docs/intent.md.
import { parseIntent } from '../../packages/knowledge/src/intent/parse-intent.ts';
import {
  KNOWN_NAMES,
  LABELLED_REQUESTS,
  NOW,
} from '../../packages/knowledge/src/intent/fixtures/labelled-requests.ts';
import {
  SCORED_FIELDS,
  accuracyOf,
  scoreLabelled,
} from '../../packages/knowledge/src/intent/fixtures/intent-scoring.ts';
import { HELD_OUT_REQUESTS } from '../../packages/knowledge/src/intent/fixtures/held-out-requests.ts';
import { percentile } from '../lib/stats.ts';

const verbose = process.argv.includes('--verbose');
const scored = scoreLabelled();
const heldOut = scoreLabelled(HELD_OUT_REQUESTS);
const accuracy = accuracyOf(scored);
const heldOutAccuracy = accuracyOf(heldOut);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

console.log(
  `Intent accuracy, offline path: ${scored.length} labelled requests (tuned on), ${heldOut.length} held out\n`,
);
console.log('| field | labelled set | held out |');
console.log('| --- | ---: | ---: |');
for (const field of SCORED_FIELDS) {
  console.log(`| ${field} | ${pct(accuracy.fields[field])} | ${pct(heldOutAccuracy.fields[field])} |`);
}
console.log(
  `| **exact match (all fields)** | **${pct(accuracy.exact)}** | **${pct(heldOutAccuracy.exact)}** |`,
);
console.log(
  `| conditions (where labelled) | ${pct(accuracy.conditions)} | ${pct(heldOutAccuracy.conditions)} |`,
);

const misses = [...scored, ...heldOut].filter((s) => s.wrong.length > 0 || s.wrongConditions);
if (misses.length > 0) {
  console.log(`\nMisses (${misses.length}):`);
  for (const miss of misses) {
    const fields = [...miss.wrong, ...(miss.wrongConditions ? ['conditions'] : [])];
    console.log(`- "${miss.item.request}": ${fields.join(', ')}`);
    if (verbose) {
      for (const f of fields) {
        const got = (miss.intent as Record<string, unknown>)[f];
        const want = (miss.item.expect as Record<string, unknown>)[f];
        console.log(`    ${f}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
      }
    }
  }
}

// Latency: every request of the set, 100 times, timed one by one (warm after the first round).
const ROUNDS = 100;
const contexts = LABELLED_REQUESTS.map((item) => ({
  now: NOW,
  ...(item.ctx ? { knownNames: KNOWN_NAMES } : {}),
}));
for (const [i, item] of LABELLED_REQUESTS.entries()) parseIntent(item.request, contexts[i]);
const times: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [i, item] of LABELLED_REQUESTS.entries()) {
    const start = performance.now();
    parseIntent(item.request, contexts[i]);
    times.push(performance.now() - start);
  }
}
console.log(
  `\nparseIntent latency over ${times.length} parses: p50 ${percentile(times, 50).toFixed(3)} ms, ` +
    `p95 ${percentile(times, 95).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms`,
);
