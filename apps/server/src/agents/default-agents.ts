import type { Agents } from './agents.ts';
import { createMasterAgent } from './master.agent.ts';
import { createOperationsAgent } from './operations.agent.ts';
import { createPlaybookAgent } from './playbook.agent.ts';
import { createUiAgent } from './ui.agent.ts';
import { createValidationAgent } from './validation.agent.ts';

/** The offline agents: deterministic, no model, nothing remembered between requests. */
export function defaultAgents(overrides: Partial<Agents> = {}): Agents {
  return {
    master: overrides.master ?? createMasterAgent(),
    playbook: overrides.playbook ?? createPlaybookAgent(),
    operations: overrides.operations ?? createOperationsAgent(),
    validation: overrides.validation ?? createValidationAgent(),
    ui: overrides.ui ?? createUiAgent(),
  };
}
