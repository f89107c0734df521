import type { Intent, UiComponent } from '@escher/protocol';
import type { AnswerDraft, UiAgent } from './agents.ts';
import { isMutating } from './validation.agent.ts';

const TONE = { info: 'info', warn: 'warning', error: 'danger' } as const;

/**
 * UI: lays the answer out from the fixed vocabulary — what was understood (scope chips), the
 * targets (bound by the client from its store), the chosen playbook and alternatives with
 * explain/execute actions, the plan, findings as callouts, and the approval prompt for changes.
 * Text comes first and is split in sentences so a stream shows it as it is said.
 */
export function createUiAgent(): UiAgent {
  return (draft) => {
    const text = [sayWhat(draft), ...draft.notes, ...sayPlaybook(draft)];
    const components: UiComponent[] = [scopeOf(draft.intent)];
    const expected = draft.intent.resourceType ? draft.context.types[draft.intent.resourceType] : undefined;
    if (draft.intent.action !== 'other') {
      components.push({
        type: 'resource-list',
        title: isMutating(draft.intent) ? 'Targets' : 'Found',
        bind: 'targets',
        columns: ['name', 'cloud', 'region', 'state', 'environment'],
        ...(expected !== undefined ? { expectedCount: expected } : {}),
        emptyText: 'Nothing in your estate matches.',
      });
    }
    for (const finding of draft.validation) {
      components.push({ type: 'callout', tone: TONE[finding.level], text: finding.message });
    }
    const cards = [draft.playbook, ...draft.alternatives].filter((p) => p !== null);
    for (const p of cards) {
      components.push({
        type: 'playbook-card',
        playbookId: p.id,
        name: p.name,
        version: p.version,
        risk: p.risk,
        reason: p.reason,
        score: p.score,
        chosen: p === draft.playbook,
        actions: [
          { kind: 'explain-playbook', label: 'Explain', playbookId: p.id },
          { kind: 'execute-playbook', label: 'Plan this', playbookId: p.id },
        ],
      });
    }
    if (draft.playbook) {
      components.push({
        type: 'plan-review',
        playbookId: draft.playbook.id,
        risk: draft.playbook.risk,
        requiresApproval: draft.requiresApproval,
        steps: [...draft.steps],
        targetsBind: 'targets',
      });
      if (draft.requiresApproval) {
        components.push({
          type: 'confirmation-prompt',
          question: `Run ${draft.playbook.name} on these targets?`,
          requireTypedCount: draft.intent.environment === 'prod',
          confirm: { kind: 'approve-plan', label: 'Approve' },
          cancel: { kind: 'cancel', label: 'Cancel' },
        });
      }
    } else if (isMutating(draft.intent)) {
      components.push({
        type: 'empty-state',
        title: 'No playbook fits',
        text: 'Add one with `escher playbooks add FILE`, or rephrase the request.',
        actions: [{ kind: 'ask', label: 'Show playbooks', request: 'list playbooks' }],
      });
    }
    return { text, components };
  };
}

function scopeOf(intent: Intent): UiComponent {
  const regions = intent.region == null ? [] : Array.isArray(intent.region) ? intent.region : [intent.region];
  return {
    type: 'scope-chips',
    ...(intent.resourceType ? { resourceType: intent.resourceType } : {}),
    clouds: intent.cloud ? [intent.cloud] : [],
    regions,
    ...(intent.environment ? { environment: intent.environment } : {}),
    tags: intent.tags,
  };
}

function sayWhat({ intent }: AnswerDraft): string {
  if (intent.action === 'other') return 'I could not match this to an action; here is what I understood.';
  const names = intent.names ?? [];
  const what = names.length > 0 ? names.join(', ') : (intent.resourceType ?? 'resources');
  const where = [
    intent.cloud,
    Array.isArray(intent.region) ? `${intent.region.length} regions` : intent.region,
    intent.environment,
  ].filter((part): part is string => part != null);
  return `You asked to ${intent.action} ${what}${where.length > 0 ? ` (${where.join(', ')})` : ''}.`;
}

function sayPlaybook(draft: AnswerDraft): string[] {
  if (!draft.playbook) return isMutating(draft.intent) ? ['No playbook fits this request.'] : [];
  return [
    `I would use ${draft.playbook.name} (${draft.playbook.id}): ${draft.playbook.reason}`,
    draft.requiresApproval ? 'Review the plan; nothing runs until you approve it.' : '',
  ].filter((s) => s !== '');
}
