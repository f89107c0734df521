import * as knowledge from '@escher/knowledge';
import { matchConcepts } from '@escher/knowledge';
import { IntentSchema, type ContextSummary, type Intent } from '@escher/protocol';
import type { MasterAgent, MasterInput, MasterResult } from './agents.ts';

/** The shape a deterministic parser is called with: the request and the estate's vocabulary. */
export type IntentParser = (
  request: string,
  options: { now: Date; knownNames: readonly string[] },
) => unknown;

/**
 * The deterministic parser of `@escher/knowledge` (`parseIntent`), when this build has it. Looked
 * up by name rather than imported, so the server works (with its fallback) while the parser is
 * being written, and picks it up without a change here once it lands.
 */
export function knowledgeIntentParser(): IntentParser | undefined {
  const candidate = (knowledge as unknown as Record<string, unknown>)['parseIntent'];
  return typeof candidate === 'function' ? (candidate as IntentParser) : undefined;
}

/**
 * Master: the deterministic parser first; its answer is validated against `IntentSchema` (an
 * `{ intent, confidence, unsure }` wrapper is unwrapped, its signals kept for the optional model). When there is no parser, it throws, or it answers something
 * invalid, a small concept-matching fallback answers and a note says so. `null` forces the
 * fallback (tests, and measuring what the parser adds).
 */
export function createMasterAgent(
  parser: IntentParser | null = knowledgeIntentParser() ?? null,
): MasterAgent {
  return (input) => {
    if (parser) {
      try {
        const raw = parser(input.request, { now: input.now, knownNames: input.context.names });
        const wrapped = raw !== null && typeof raw === 'object' && 'intent' in raw;
        const parsed = IntentSchema.safeParse(wrapped ? raw.intent : raw);
        if (parsed.success)
          return { intent: parsed.data, understoodBy: 'parser', notes: [], ...signalsOf(wrapped ? raw : {}) };
        return fallback(
          input,
          'The intent parser gave an answer that did not validate; a simpler reading was used.',
        );
      } catch {
        return fallback(input, 'The intent parser failed on this request; a simpler reading was used.');
      }
    }
    return fallback(input);
  };
}

// The fallback reads only concepts: it is never sure, which is when an optional model is asked.
function fallback(input: MasterInput, note?: string): MasterResult {
  return {
    intent: fallbackIntent(input.request, input.context),
    understoodBy: 'fallback',
    notes: note ? [note] : [],
    confidence: 0.3,
    unsure: ['intent: read by concept matching only'],
  };
}

/** The parser's `confidence` and `unsure`, when its answer carries them (`ParsedRequest`). */
function signalsOf(raw: object): Pick<MasterResult, 'confidence' | 'unsure'> {
  const { confidence, unsure } = raw as { confidence?: unknown; unsure?: unknown };
  return {
    ...(typeof confidence === 'number' && confidence >= 0 && confidence <= 1 ? { confidence } : {}),
    ...(Array.isArray(unsure) ? { unsure: unsure.filter((u): u is string => typeof u === 'string') } : {}),
  };
}

/**
 * A first reading from the knowledge ontology alone: the first action, type, cloud, region,
 * environment and state phrases; `key=value` / "tagged key value" tags; and the names the
 * client listed that occur in the request.
 */
export function fallbackIntent(request: string, context: ContextSummary): Intent {
  const draft: Record<string, unknown> = {};
  const regions: string[] = [];
  for (const segment of matchConcepts(request, { actions: true }).segments) {
    if (segment.kind !== 'concept' || segment.negated) continue;
    // "stop" is both an action and a state; in a request the verb is the action.
    const action = segment.senses.find((s) => s.concept.kind === 'action');
    for (const { concept } of action ? [action] : segment.senses) {
      if (concept.kind === 'region') regions.push(...concept.value);
      else if (concept.kind === 'type') draft['resourceType'] ??= concept.value[0];
      else if (concept.kind === 'state') draft['state'] ??= concept.value[0];
      else if (concept.kind === 'action' || concept.kind === 'cloud' || concept.kind === 'environment')
        draft[concept.kind] ??= concept.value;
    }
  }
  const lower = request.toLowerCase();
  // A substring test first: building a pattern for each of thousands of names is the slow part.
  const names = context.names.filter((name) => {
    const n = name.toLowerCase();
    return lower.includes(n) && new RegExp(`(^|[^\\w-])${escapeRegExp(n)}($|[^\\w-])`).test(lower);
  });
  const tags: Record<string, string> = {};
  for (const m of request.matchAll(/\b(?:tagged|tag)\s+([\w.-]+)\s*(?:[:=]\s*|\s+)([\w.-]+)/gi))
    tags[m[1]!] = m[2]!;
  for (const m of request.matchAll(/\b([\w.-]+)\s*[:=]\s*([\w.-]+)/g)) tags[m[1]!] = m[2]!;
  const unique = [...new Set(regions)];
  return IntentSchema.parse({
    action: 'other',
    ...draft,
    region: unique.length === 0 ? null : unique.length === 1 ? unique[0] : unique,
    names,
    tags,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
