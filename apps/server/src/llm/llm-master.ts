import type { LanguageModel } from 'ai';
import type { MasterInput, MasterResult } from '../agents/agents.ts';
import type { LlmConfig } from './llm-config.ts';
import { buildModelPrompt, MODEL_SYSTEM_PROMPT } from './llm-prompt.ts';
import type { LlmFallbackReason } from './llm-reader.ts';
import { checkAgainstOntology } from './ontology-check.ts';

export type { LlmFallbackReason } from './llm-reader.ts';

/** Which reading the answer is built on. */
export type IntentEngine = 'deterministic' | 'llm';

/** The Master's reading after the optional model: which engine, and why not the model if asked. */
export interface ModelMasterOutcome {
  result: MasterResult;
  engine: IntentEngine;
  /** Set when the model was asked and its answer was not used. */
  fallback?: LlmFallbackReason;
}

/** Refines a deterministic reading with the model when the parser was unsure. */
export type ModelMaster = (input: MasterInput, reading: MasterResult) => Promise<ModelMasterOutcome>;

export interface ModelMasterOptions {
  config: Pick<LlmConfig, 'timeoutMs' | 'minConfidence' | 'model'>;
  /** The model; by default built from a full `LlmConfig` on first use (the SDK loads lazily). */
  model: LanguageModel | (() => Promise<LanguageModel>);
  /**
   * The signal that ends the wait. Default `AbortSignal.timeout(ms)`; tests pass a signal they
   * abort themselves, so a model that never answers is tested without waiting on a clock.
   */
  deadline?: (timeoutMs: number) => AbortSignal;
}

/** What the user is told when the model's reading was not used. */
export const LLM_FALLBACK_NOTES: Readonly<Record<LlmFallbackReason, string>> = {
  'model-unreachable': 'The language model could not be reached',
  'model-timeout': 'The language model did not answer in time',
  'model-http-error': 'The language model service answered with an error',
  'model-invalid-json': 'The language model did not answer with JSON',
  'model-schema-invalid': 'The language model answered with an intent that did not validate',
  'model-unknown-value': 'The language model named a region, name or state Escher does not know',
  'model-changed-action': 'The language model chose another action than the one the request names',
  'model-failed': 'The language model call failed',
};

/**
 * When the parser counts as unsure, which is when the model is asked: it fell back (no parser,
 * or an invalid answer), it listed slots it could not decide (`unsure`), or its confidence is
 * under the threshold (unread words lower it). A sure reading never leaves the server.
 */
export function needsModel(reading: MasterResult, minConfidence: number): boolean {
  if (reading.understoodBy === 'fallback') return true;
  if ((reading.unsure?.length ?? 0) > 0) return true;
  return (reading.confidence ?? 0) < minConfidence;
}

/**
 * The optional LLM step of the Master agent (issue 6). The model sees the request, the context's
 * counts and the parser's reading; its answer is zod-validated (by the SDK, against
 * `IntentSchema`), then checked against the ontology. Any failure — unreachable, timeout, HTTP
 * error, not JSON, invalid, unknown values — keeps the deterministic reading and says why.
 */
export function createModelMaster(options: ModelMasterOptions): ModelMaster {
  const deadline = options.deadline ?? ((ms: number) => AbortSignal.timeout(ms));
  let model: Promise<LanguageModel> | undefined;
  const modelOf = (): Promise<LanguageModel> =>
    (model ??= typeof options.model === 'function' ? options.model() : Promise.resolve(options.model));
  return async (input, reading) => {
    if (!needsModel(reading, options.config.minConfidence))
      return { result: reading, engine: 'deterministic' };
    const { readWithModel } = await import('./llm-reader.ts');
    const user = buildModelPrompt({
      request: input.request,
      context: input.context,
      now: input.now,
      reading: reading.intent,
      unsure: reading.unsure ?? [],
    });
    const answer = await modelOf().then(
      (m) => readWithModel(m, { system: MODEL_SYSTEM_PROMPT, user }, deadline(options.config.timeoutMs)),
      () => ({ ok: false as const, reason: 'model-failed' as const }),
    );
    if (!answer.ok) return fallBack(reading, answer.reason, options.config.timeoutMs);
    if (checkAgainstOntology(answer.intent, input).length > 0)
      return fallBack(reading, 'model-unknown-value', options.config.timeoutMs);
    if (!mayChangeAction(reading, answer.intent.action))
      return fallBack(reading, 'model-changed-action', options.config.timeoutMs);
    const settled = reading.unsure?.map((u) => u.split(':')[0]).filter(Boolean) ?? [];
    return {
      engine: 'llm',
      result: {
        intent: answer.intent,
        understoodBy: 'model',
        notes: [
          `A language model (${options.config.model}) read this request` +
            (settled.length > 0
              ? `, settling what the parser was unsure of (${[...new Set(settled)].join(', ')}).`
              : '.'),
        ],
      },
    };
  };
}

/**
 * The action is what makes a request dangerous, so the model may only decide it where the parser
 * could not: no action word (`other`) or an action listed as unsure. "List the storage accounts"
 * never becomes a delete because a model said so.
 */
export function mayChangeAction(reading: MasterResult, action: string): boolean {
  if (action === reading.intent.action || reading.intent.action === 'other') return true;
  return (reading.unsure ?? []).some((u) => u.startsWith('action:'));
}

function fallBack(reading: MasterResult, reason: LlmFallbackReason, timeoutMs: number): ModelMasterOutcome {
  const why =
    reason === 'model-timeout'
      ? `${LLM_FALLBACK_NOTES[reason]} (${timeoutMs} ms)`
      : LLM_FALLBACK_NOTES[reason];
  return {
    engine: 'deterministic',
    fallback: reason,
    result: { ...reading, notes: [...reading.notes, `${why}; the deterministic reading was used.`] },
  };
}

/** A model master for a full configuration, the model built on first use. */
export function modelMasterFromConfig(
  config: LlmConfig,
  deadline?: ModelMasterOptions['deadline'],
): ModelMaster {
  return createModelMaster({
    config,
    model: async () => (await import('./llm-model.ts')).createLanguageModel(config),
    ...(deadline ? { deadline } : {}),
  });
}
