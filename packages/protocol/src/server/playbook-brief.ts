import type { Playbook } from '../playbook/playbook.schema.ts';
import type { PlaybookState } from '../playbook/playbook-lifecycle.ts';
import type { PlaybookBrief } from './ask.schema.ts';

/**
 * A playbook as the intelligence server sees it: applicability, risk and the step outline, cut
 * to the wire limits. What the client sends for the user's own playbooks and what `escher server`
 * loads as its global catalogue. A playbook holds no parameter values, so nothing secret goes.
 *
 * @example
 * const briefs = builtinPlaybooks().map(({ playbook }) => toPlaybookBrief(playbook));
 */
export function toPlaybookBrief(playbook: Playbook, state?: PlaybookState): PlaybookBrief {
  return {
    id: playbook.id,
    name: playbook.name,
    description: playbook.description.slice(0, 2000),
    version: playbook.version,
    state: state ?? playbook.state,
    risk: playbook.risk,
    applicability: playbook.applicability,
    keywords: (playbook.keywords ?? []).filter((k) => k.length <= 60).slice(0, 50),
    steps: playbook.steps.slice(0, 100).map((step) => ({
      id: step.id,
      ...(step.name ? { name: step.name.slice(0, 200) } : {}),
      ...('action' in step
        ? { action: step.action }
        : { command: step.command.slice(0, 50).map((a) => a.slice(0, 500)) }),
    })),
  };
}
