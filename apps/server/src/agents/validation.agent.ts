import { MUTATING_ACTIONS, type Intent, type ValidationFinding } from '@escher/protocol';
import type { ValidationAgent } from './agents.ts';

const MUTATING: ReadonlySet<string> = new Set(MUTATING_ACTIONS);

/** Whether an action changes the estate (and so needs an approved plan). */
export function isMutating(intent: Intent): boolean {
  return MUTATING.has(intent.action);
}

/**
 * Validation: what the server can tell from the intent and the estate's counts alone. The client
 * adds the checks that need the targets (permissions, state, blast radius); these are the ones
 * worth saying before it looks: nothing of that type, an unknown region or name, production,
 * an irreversible action, no playbook.
 */
export function createValidationAgent(): ValidationAgent {
  return ({ intent, playbook, context }) => {
    const out: ValidationFinding[] = [];
    const add = (level: ValidationFinding['level'], code: string, message: string): void => {
      out.push({ level, code, message });
    };
    if (intent.action === 'other') {
      add(
        'info',
        'intent-unclear',
        'This is not an action Escher can carry out; it is answered, never executed.',
      );
    }
    if (intent.resourceType && (context.types[intent.resourceType] ?? 0) === 0) {
      add('warn', 'no-resources-of-type', `Your estate has no ${intent.resourceType} resources.`);
    }
    const regions =
      intent.region == null ? [] : Array.isArray(intent.region) ? intent.region : [intent.region];
    const known = Object.keys(context.regions);
    if (regions.length > 0 && known.length > 0 && !regions.some((r) => known.includes(r))) {
      add('warn', 'region-not-in-estate', `Nothing of yours runs in ${regions.join(', ')}.`);
    }
    if (intent.environment === 'prod' && isMutating(intent)) {
      add(
        'warn',
        'production-change',
        'Production targets: approving needs the number of targets typed out.',
      );
    }
    if (intent.action === 'delete') add('warn', 'irreversible', 'Deleting cannot be rolled back.');
    if (isMutating(intent) && !intent.resourceType && (intent.names ?? []).length === 0) {
      add('error', 'no-target-type', 'Say which kind of resource to change (VMs, buckets, databases, …).');
    }
    if (isMutating(intent) && !playbook) {
      add(
        'error',
        'no-playbook',
        `No playbook ${intent.action}s ${intent.resourceType ?? 'these resources'}.`,
      );
    }
    return out;
  };
}
