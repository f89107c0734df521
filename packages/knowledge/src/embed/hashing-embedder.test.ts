import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashingEmbedder } from './hashing-embedder.ts';
import { dotProduct as dot, quantizeInt8 } from './vector-math.ts';

test('the built-in embedder puts a misspelling and a shared name closer than an unrelated resource', () => {
  const embedder = hashingEmbedder();
  const [query, payments, ledger] = embedder.embedSync(
    ['paymnets api', 'payments-api-prod-01 compute instance vm', 'ledger-db-02 database instance'],
    'document',
  );
  assert.equal(query!.length, 256);
  assert.ok(Math.abs(dot(query!, query!) - 1) < 1e-6);
  assert.ok(dot(query!, payments!) > dot(query!, ledger!) + 0.1);
});

test('the built-in embedder is deterministic and its int8 form keeps the similarity', () => {
  const embedder = hashingEmbedder();
  const [a] = embedder.embedSync(['orders database prod'], 'document');
  const [b] = embedder.embedSync(['orders database prod'], 'query');
  assert.deepEqual(a, b);
  const qa = quantizeInt8(a!);
  assert.ok(Math.abs(dot(qa, qa) / 127 ** 2 - 1) < 0.02);
});
