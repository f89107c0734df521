import {
  APICallError,
  generateText,
  JSONParseError,
  NoObjectGeneratedError,
  Output,
  RetryError,
  TypeValidationError,
  type LanguageModel,
} from 'ai';
import { IntentSchema, type Intent } from '@escher/protocol';

// The SDK prints its warnings with console.warn; the server logs request lines only.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** An intent is a few hundred tokens; a cap keeps a rambling model from holding the request. */
const MAX_OUTPUT_TOKENS = 1024;

/** Why the model's reading was not used; each is said to the user in words (`LLM_FALLBACK_NOTES`). */
export type LlmFallbackReason =
  | 'model-unreachable'
  | 'model-timeout'
  | 'model-http-error'
  | 'model-invalid-json'
  | 'model-schema-invalid'
  | 'model-unknown-value'
  | 'model-changed-action'
  | 'model-failed';

export type ModelReading = { ok: true; intent: Intent } | { ok: false; reason: LlmFallbackReason };

/**
 * One structured-output call: the intent schema goes to the model as its response format and the
 * answer is parsed and zod-validated by the SDK. No retries — the request waits on this call, and
 * the deterministic reading is a good answer already. Errors are reduced to a reason code and
 * never kept: an SDK error carries the request body (the prompt) and headers.
 */
export async function readWithModel(
  model: LanguageModel,
  prompt: { system: string; user: string },
  signal: AbortSignal,
): Promise<ModelReading> {
  try {
    const result = await generateText({
      model,
      system: prompt.system,
      prompt: prompt.user,
      output: Output.object({
        schema: IntentSchema,
        name: 'intent',
        description: 'The request as an intent',
      }),
      temperature: 0,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      maxRetries: 0,
      abortSignal: signal,
    });
    return { ok: true, intent: result.output };
  } catch (error) {
    return { ok: false, reason: signal.aborted ? 'model-timeout' : reasonOf(error) };
  }
}

function reasonOf(error: unknown): LlmFallbackReason {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (NoObjectGeneratedError.isInstance(cause)) {
    if (TypeValidationError.isInstance(cause.cause)) return 'model-schema-invalid';
    if (JSONParseError.isInstance(cause.cause)) return 'model-invalid-json';
    return cause.text === undefined || cause.text.trim() === ''
      ? 'model-invalid-json'
      : 'model-schema-invalid';
  }
  if (APICallError.isInstance(cause)) {
    // A response with a status came from a server; no status means the connection itself failed.
    return cause.statusCode === undefined ? 'model-unreachable' : 'model-http-error';
  }
  if (TypeValidationError.isInstance(cause)) return 'model-schema-invalid';
  if (JSONParseError.isInstance(cause)) return 'model-invalid-json';
  return 'model-failed';
}
