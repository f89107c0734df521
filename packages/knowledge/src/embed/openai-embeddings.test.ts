import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { embeddingsOptionsFromEnv, openAiCompatibleEmbeddings } from './openai-embeddings.ts';

/** A tiny OpenAI-compatible server: a 3-d vector per input, from the text's length and prefix. */
async function startFakeEndpoint(
  status = 200,
): Promise<{ url: string; seen: unknown[]; close(): Promise<void> }> {
  const seen: unknown[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; input: string[] };
      seen.push({ path: req.url, auth: req.headers.authorization, ...parsed });
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"model not found"}');
        return;
      }
      // Reversed order: the client must sort by index.
      const data = parsed.input
        .map((text, index) => ({ index, embedding: [text.length, text.startsWith('q: ') ? 1 : 0, 1] }))
        .reverse();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('embeds through an OpenAI-compatible endpoint: batches, prefixes, order, unit length, auth', async (t) => {
  const endpoint = await startFakeEndpoint();
  t.after(() => endpoint.close());
  const provider = await openAiCompatibleEmbeddings({
    url: `${endpoint.url}/`,
    model: 'nomic-embed-text',
    apiKey: 'sk-test',
    prefixes: { query: 'q: ' },
    batchSize: 2,
  });
  assert.equal(provider.dimensions, 3);
  assert.equal(provider.id, 'openai:nomic-embed-text');
  const vectors = await provider.embed(['a', 'bbb', 'cc'], 'query');
  assert.equal(vectors.length, 3);
  for (const v of vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
  // 'q: a' is 4 long, 'q: bbb' 6: order kept although the server answered in reverse.
  assert.ok((vectors[1]![0] as number) > (vectors[0]![0] as number));
  const requests = endpoint.seen as { path: string; auth: string; model: string; input: string[] }[];
  assert.deepEqual(
    requests.map((r) => r.input),
    [['dimension probe'], ['q: a', 'q: bbb'], ['q: cc']],
  );
  assert.ok(requests.every((r) => r.path === '/v1/embeddings' && r.auth === 'Bearer sk-test'));
});

test('a failing endpoint is an operational error that names the status and how to fix it', async (t) => {
  const endpoint = await startFakeEndpoint(404);
  t.after(() => endpoint.close());
  await assert.rejects(openAiCompatibleEmbeddings({ url: endpoint.url, model: 'nope' }), (error: unknown) => {
    const e = error as { code: string; message: string; hint: string };
    assert.equal(e.code, 'embeddings-failed');
    assert.match(e.message, /404/);
    assert.match(e.hint, /ESCHER_EMBEDDINGS_MODEL/);
    return true;
  });
  await assert.rejects(openAiCompatibleEmbeddings({ url: 'http://127.0.0.1:1/v1', model: 'm' }), {
    code: 'embeddings-unreachable',
  });
});

test('the environment configures the endpoint; a URL without a model is a user error', () => {
  assert.equal(embeddingsOptionsFromEnv({}), undefined);
  assert.deepEqual(
    embeddingsOptionsFromEnv({
      ESCHER_EMBEDDINGS_URL: 'http://127.0.0.1:11434/v1',
      ESCHER_EMBEDDINGS_MODEL: 'm',
    }),
    { url: 'http://127.0.0.1:11434/v1', model: 'm' },
  );
  assert.throws(() => embeddingsOptionsFromEnv({ ESCHER_EMBEDDINGS_URL: 'http://x/v1' }), {
    code: 'embeddings-model-missing',
  });
});
