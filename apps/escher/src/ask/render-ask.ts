import type { Resource } from '@escher/protocol';
import { terminalSafe } from '../cli/terminal-text.ts';
import { renderPlan } from '../engine/render-plan.ts';
import type { AskOutcome } from './ask-flow.ts';
import { conditionText } from './read-answer.ts';

/** Rows of the targets table before "… and N more". */
const TABLE_ROWS = 20;

function targetRow(r: Resource): string {
  return `  ${r.cloud.padEnd(5)} ${r.type.padEnd(22)} ${r.region.padEnd(16)} ${(r.environment ?? '-').padEnd(7)} ${(r.state ?? '-').padEnd(10)} ${r.name}`;
}

/**
 * The terminal answer of `escher ask`: what was understood, the answer, the targets as a table,
 * the chosen playbook and why, the alternatives, the warnings, and the stored plan. Names and
 * tags come from the cloud, so every line is made terminal-safe.
 */
export function renderAsk(outcome: AskOutcome, where: string): string[] {
  const { json, response } = outcome;
  const i = json.intent;
  const region = Array.isArray(i.region) ? i.region.join('|') : i.region;
  const scope = [
    i.resourceType,
    i.cloud,
    region,
    i.environment,
    i.state,
    ...Object.entries(i.tags).map(([k, v]) => `${k}=${v}`),
    ...i.conditions.map(conditionText),
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [
    `Understood: ${i.action}${scope ? ` ${scope}` : ''}${outcome.followUp ? ' (follow-up of the previous turn)' : ''} — by the ${response.understoodBy} (${where} server)`,
    '',
    json.answer,
  ];
  if (json.targets.length > 0) {
    lines.push('', `Targets (${json.targets.length}):`);
    lines.push(...json.targets.slice(0, TABLE_ROWS).map(targetRow));
    if (json.targets.length > TABLE_ROWS)
      lines.push(`  … and ${json.targets.length - TABLE_ROWS} more (--json lists all)`);
  }
  const pb = json.plan.playbook;
  if (pb) {
    lines.push('', `Playbook: ${pb.name} (${pb.id}) — ${pb.reason}`);
    for (const alt of json.plan.alternatives) lines.push(`  or: ${alt.name} (${alt.id}) — ${alt.reason}`);
  }
  // The plan's own findings are printed with the plan below.
  const inPlan = new Set(outcome.planned?.plan.findings.map((f) => f.message));
  const notes = json.plan.validation.filter((v) => v.level !== 'info' && !inPlan.has(v.message));
  if (notes.length > 0) {
    lines.push('');
    for (const v of notes) lines.push(`${v.level === 'error' ? '✗ error' : '! warning'}: ${v.message}`);
  }
  if (outcome.planned) {
    const { plan, hash, executionId } = outcome.planned;
    lines.push('', ...renderPlan(plan, hash, executionId));
  }
  return lines.map(terminalSafe);
}
