import type { LanguageModel } from 'ai';
import type { LlmConfig } from './llm-config.ts';

/**
 * The AI SDK model for a configuration. The SDK is imported here, lazily, so a server without a
 * model (the default) never loads it. OpenAI-compatible servers (Ollama, vLLM, llama.cpp) are
 * told they support JSON-schema output, which all three do, so the intent schema travels as
 * `response_format` instead of only as prose.
 */
export async function createLanguageModel(config: LlmConfig): Promise<LanguageModel> {
  if (config.provider === 'anthropic') {
    const { createAnthropic } = await import('@ai-sdk/anthropic');
    return createAnthropic({
      ...(config.url ? { baseURL: config.url } : {}),
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    })(config.model);
  }
  const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
  return createOpenAICompatible({
    name: 'escher-llm',
    baseURL: config.url ?? '',
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    supportsStructuredOutputs: true,
  })(config.model);
}
