import type { Action, RequestIntent } from '@escher/protocol';
import { regionInfo } from '../ontology/regions/regions.ts';
import { assembleIntent } from './intent-assemble.ts';
import { markUnsure, type IntentDraft } from './intent-draft.ts';

const UNDO = /^\s*(?:please\s+)?(?:undo|revert|reverse|roll ?back)\b/i;
const REFINE =
  /^\s*(?:(?:and|but|ok|okay|now|then|actually|no)[,]?\s+)*(?:only|just|what about|how about|same for|same in|same thing for|and|except|excluding|limit (?:it |that )?to|narrow (?:it )?(?:down )?to|filter (?:it )?to|also)\b|\bonly\b|\bones\b/i;
const INVERSE: Readonly<Partial<Record<Action, Action>>> = {
  start: 'stop',
  stop: 'start',
  tag: 'untag',
  untag: 'tag',
  resize: 'resize',
  scale: 'scale',
};

/** The slots that select resources (everything but the action and its parameters). */
const SELECTORS = ['resourceType', 'cloud', 'account', 'region', 'environment', 'names'] as const;

function selects(intent: RequestIntent): boolean {
  return (
    SELECTORS.some((k) => intent[k] != null) ||
    intent.state !== null ||
    intent.conditions.length > 0 ||
    Object.keys(intent.tags).length > 0
  );
}

/**
 * Reads a turn against the previous one. "undo that" reverses the previous action on the same
 * targets; "stop them" applies a new action to the previous targets; "only the ones in
 * eu-west-1" / "what about azure?" narrows or changes the previous targets and keeps its action.
 * Returns undefined when the turn stands on its own.
 */
export function resolveFollowUp(
  request: string,
  draft: IntentDraft,
  previous: RequestIntent,
): RequestIntent | undefined {
  if (UNDO.test(request)) return undo(previous, draft);
  const own = assembleIntent(draft);
  const hasOwnAction = draft.action !== undefined && draft.action !== 'other';
  const refine = REFINE.test(request) && (!hasOwnAction || draft.actionFrom === 'question');
  const pronoun = draft.pronoun && !own.resourceType && !own.names;
  if (!refine && !pronoun) return undefined;
  if (!selects(own) && !pronoun && !refine) return undefined;
  const action = hasOwnAction ? own.action : previous.action;
  const merged: RequestIntent = {
    ...previous,
    action,
    tags: { ...previous.tags, ...own.tags },
    state: own.state ?? previous.state,
    conditions: [...previous.conditions, ...own.conditions],
    params: hasOwnAction ? { ...own.params } : { ...previous.params, ...own.params },
  };
  for (const key of SELECTORS) {
    if (own[key] != null) (merged as Record<string, unknown>)[key] = own[key];
  }
  if (own.cloud && own.cloud !== previous.cloud && !own.region && merged.region != null) {
    const region = merged.region;
    const codes = (Array.isArray(region) ? region : [region]).filter((code) =>
      regionInfo(code, own.cloud ?? undefined),
    );
    if (codes.length === 0) delete merged.region;
    else merged.region = codes.length === 1 ? codes[0]! : codes;
  }
  if (own.region != null && !own.cloud && previous.cloud) {
    const codes = Array.isArray(own.region) ? own.region : [own.region];
    if (!codes.some((code) => regionInfo(code, previous.cloud ?? undefined))) delete merged.cloud;
  }
  return merged;
}

function undo(previous: RequestIntent, draft: IntentDraft): RequestIntent {
  const inverse = INVERSE[previous.action];
  const params: RequestIntent['params'] = { undo: true };
  if (previous.action === 'tag' && previous.params.tags) params.tagKeys = Object.keys(previous.params.tags);
  if (previous.action === 'untag')
    markUnsure(draft, 'params.tags', 'the removed tag values are not known here');
  if (previous.action === 'resize' || previous.action === 'scale') {
    markUnsure(draft, 'params', `the size before the ${previous.action} is in the execution record`);
  }
  if (!inverse) markUnsure(draft, 'action', `'${previous.action}' cannot be reversed by another action`);
  return { ...previous, action: inverse ?? 'other', params };
}
