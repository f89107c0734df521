import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AskResponse } from '@escher/protocol';
import { serveFromEnv } from '../serve.ts';
import { askBody, TEST_KEYS } from '../server.testing.ts';
import { startFakeModelServer } from './fake-model-server.testing.ts';

describe('serveFromEnv with ESCHER_LLM_*', () => {
  it('asks the configured model over real HTTP and logs its configuration without the key', async () => {
    const fake = await startFakeModelServer({
      text: JSON.stringify({ action: 'list', resourceType: 'storage.bucket', cloud: 'azure' }),
    });
    const log: string[] = [];
    const running = await serveFromEnv({
      env: {
        ESCHER_SERVER_KEYS: `acme:${TEST_KEYS.acme}`,
        ESCHER_LLM_PROVIDER: 'openai-compatible',
        ESCHER_LLM_URL: fake.url,
        ESCHER_LLM_API_KEY: 'sk-never-logged-4242',
      },
      llm: { model: 'qwen2.5:7b' },
      port: 0,
      log: (line) => log.push(line),
    });
    try {
      const res = await fetch(`${running.url}/v1/ask`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEYS.acme}`, 'content-type': 'application/json' },
        body: JSON.stringify(askBody({ request: 'list the storage accounts' })),
      });
      const body = (await res.json()) as AskResponse;
      assert.equal(res.status, 200);
      assert.equal(body.engine, 'llm');
      assert.equal(body.intent.cloud, 'azure');
      assert.equal(JSON.parse(fake.calls[0]!.body).model, 'qwen2.5:7b');
      assert.match(
        log[0]!,
        /^model: openai-compatible qwen2\.5:7b at http:\/\/127\.0\.0\.1:\d+\/v1, key set \(redacted\)/,
      );
      assert.doesNotMatch(log.join('\n'), /sk-never-logged|storage accounts/);
    } finally {
      await running.close();
      await fake.close();
    }
  });
});
