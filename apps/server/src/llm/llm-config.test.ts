import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '@escher/protocol';
import { describeLlmConfig, llmConfigFromEnv, redactUrl } from './llm-config.ts';

const OLLAMA = {
  ESCHER_LLM_PROVIDER: 'openai-compatible',
  ESCHER_LLM_URL: 'http://127.0.0.1:11434/v1/',
  ESCHER_LLM_MODEL: 'llama3.1:8b',
};

describe('llmConfigFromEnv', () => {
  it('is off unless a provider is named', () => {
    assert.equal(llmConfigFromEnv({}), undefined);
    assert.equal(llmConfigFromEnv({ ESCHER_LLM_PROVIDER: 'off', ESCHER_LLM_MODEL: 'x' }), undefined);
  });

  it('reads the variables, with defaults for the timeout and the confidence threshold', () => {
    assert.deepEqual(llmConfigFromEnv(OLLAMA), {
      provider: 'openai-compatible',
      url: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      timeoutMs: 4000,
      minConfidence: 0.85,
    });
  });

  it('lets flags win over variables, and takes the key from the environment only', () => {
    const config = llmConfigFromEnv(
      { ...OLLAMA, ESCHER_LLM_API_KEY: 'sk-secret', ESCHER_LLM_TIMEOUT_MS: '9000' },
      { provider: 'anthropic', url: '', model: 'claude-sonnet-4-5', timeoutMs: '1500' },
    );
    assert.equal(config?.provider, 'anthropic');
    assert.equal(config?.model, 'claude-sonnet-4-5');
    assert.equal(config?.timeoutMs, 1500);
    assert.equal(config?.apiKey, 'sk-secret');
  });

  it('refuses what it cannot use, saying how to fix it', () => {
    const bad: Record<string, string>[] = [
      { ...OLLAMA, ESCHER_LLM_PROVIDER: 'openai' },
      { ...OLLAMA, ESCHER_LLM_MODEL: '' },
      { ...OLLAMA, ESCHER_LLM_URL: '' },
      { ...OLLAMA, ESCHER_LLM_URL: 'localhost:11434' },
      { ...OLLAMA, ESCHER_LLM_TIMEOUT_MS: '2.5' },
      { ...OLLAMA, ESCHER_LLM_MIN_CONFIDENCE: '7' },
    ];
    for (const env of bad) {
      assert.throws(
        () => llmConfigFromEnv(env),
        (e: unknown) => e instanceof UserError && e.code === 'llm-config-invalid' && Boolean(e.hint),
      );
    }
  });
});

describe('describeLlmConfig', () => {
  it('never shows the key or credentials in the URL', () => {
    const line = describeLlmConfig(
      llmConfigFromEnv({
        ...OLLAMA,
        ESCHER_LLM_URL: 'https://user:pw-secret@llm.example/v1?token=q-secret',
        ESCHER_LLM_API_KEY: 'sk-secret',
      }),
    );
    assert.match(line, /openai-compatible llama3\.1:8b at https:\/\/\*\*\*@llm\.example\/v1\?\*\*\*/);
    assert.match(line, /key set \(redacted\)/);
    assert.doesNotMatch(line, /secret/);
    assert.equal(describeLlmConfig(undefined), 'model: off (deterministic parser only)');
    assert.equal(redactUrl('not a url'), '(unparseable URL)');
  });
});
