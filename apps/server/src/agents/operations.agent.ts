import type { OperationsAgent } from './agents.ts';

/**
 * Operations: the chosen playbook's steps as the plan shows them. The server has no targets, so
 * placeholders (`{{target.name}}`) stay for the client to render per resolved target, and the
 * intent's tags and parameters are named where the playbook takes them.
 */
export function createOperationsAgent(): OperationsAgent {
  return ({ playbook, intent }) =>
    playbook.steps.map((step) => {
      const title =
        step.name ??
        (step.action ? `${step.action} on each target` : `run ${step.command?.[0] ?? 'a command'}`);
      const params = Object.keys(intent.params);
      const tags = Object.entries(intent.tags).map(([k, v]) => `${k}=${v}`);
      const detail = [
        ...(tags.length > 0 && /tag/.test(step.action ?? '') ? [`tags ${tags.join(', ')}`] : []),
        ...(params.length > 0 ? [`parameters ${params.join(', ')}`] : []),
      ].join('; ');
      return {
        id: step.id,
        title,
        ...(step.action ? { operation: step.action } : {}),
        ...(step.command ? { command: step.command } : {}),
        ...(detail ? { detail } : {}),
      };
    });
}
