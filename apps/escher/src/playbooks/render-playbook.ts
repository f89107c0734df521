import type {
  ParamSchema,
  Playbook,
  PlaybookState,
  PlaybookSummary,
  PlaybookVersionInfo,
  Step,
  Verify,
} from '@escher/protocol';
import type { PlaybookEntry } from './playbook-catalog.ts';

/** A catalogue entry as `escher playbooks list --json` prints it. */
export function toSummary(entry: PlaybookEntry, score?: number): PlaybookSummary {
  const p = entry.current.playbook;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    version: p.version,
    state: entry.state,
    source: entry.source,
    risk: p.risk,
    applicability: p.applicability,
    versions: entry.versions.map((v) => v.version),
    ...(score === undefined ? {} : { score }),
  };
}

/** `escher playbooks list`: one aligned line per playbook. */
export function renderPlaybookTable(summaries: readonly PlaybookSummary[]): string[] {
  const rows = summaries.map((s) => [
    s.id,
    s.version,
    s.state,
    s.source,
    s.risk,
    s.applicability.clouds.join(','),
    s.name,
  ]);
  const header = ['ID', 'VERSION', 'STATE', 'SOURCE', 'RISK', 'CLOUDS', 'NAME'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** `escher playbooks show`: what the playbook does, step by step, and its versions. */
export function renderPlaybook(
  playbook: Playbook,
  info: { source: string; state: PlaybookState; versions: readonly PlaybookVersionInfo[] },
): string[] {
  const p = playbook;
  const a = p.applicability;
  const e = p.execution;
  const lines = [
    `${p.id} ${p.version} (${info.source}, ${info.state}, risk ${p.risk})`,
    p.name,
    ...p.description.trim().split('\n'),
    '',
    `applies to: ${a.clouds.join(', ')} · ${a.resourceTypes.join(', ')} · ${a.actions.join(', ')}`,
  ];
  const params = Object.entries(p.parameters.properties);
  if (params.length > 0) {
    lines.push('parameters:');
    for (const [name, schema] of params) {
      lines.push(`  ${name}: ${describeParam(schema, p.parameters.required.includes(name))}`);
    }
  }
  const pre = p.preconditions;
  const only = [
    ...(pre?.state ? [pre.state.join(' or ')] : []),
    ...Object.entries(pre?.flags ?? {}).map(([flag, yes]) => (yes ? flag : `not ${flag}`)),
    ...Object.entries(pre?.attributes ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
  ];
  if (only.length > 0) lines.push(`acts only on targets that are: ${only.join(', ')}`);
  lines.push(
    `execution: ${e.strategy}, ${e.concurrency} target(s) at a time, at most ${e.maxTargets} targets, production ${e.production}` +
      (e.waves ? `, waves: canary ${e.waves.canary} then ${e.waves.batchSize} at a time` : ''),
    'steps:',
  );
  p.steps.forEach((step, i) => lines.push(...renderStep(step, i)));
  lines.push(`versions: ${info.versions.map((v) => `${v.version} (${v.state})`).join(', ')}`);
  return lines;
}

function renderStep(step: Step, index: number): string[] {
  const what =
    'action' in step ? `${step.action}${inputText(step.input)}` : `$ ${step.command.map(quoteArg).join(' ')}`;
  const lines = [`  ${index + 1}. ${step.id}: ${what}`];
  const details: string[] = [];
  if (step.verify) details.push(`verify ${verifyText(step.verify)}`);
  if (step.rollback) {
    details.push(
      step.rollback === 'auto'
        ? 'rollback: the operation’s undo'
        : `rollback: ${'action' in step.rollback ? step.rollback.action : step.rollback.command.map(quoteArg).join(' ')}`,
    );
  }
  if (step.timeoutSeconds) details.push(`timeout ${step.timeoutSeconds}s`);
  if (step.retries) details.push(`${step.retries} retries`);
  if (step.onFailure) details.push(`on failure: ${step.onFailure}`);
  if (step.dependsOn?.length) details.push(`after ${step.dependsOn.join(', ')}`);
  if (details.length > 0) lines.push(`       ${details.join(' · ')}`);
  return lines;
}

function inputText(input: Record<string, unknown>): string {
  const entries = Object.entries(input);
  return entries.length === 0
    ? ''
    : ` ${entries.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`;
}

function verifyText(v: Verify): string {
  const checks: string[] = [];
  if (v.state !== undefined) checks.push(`state ${Array.isArray(v.state) ? v.state.join('|') : v.state}`);
  if (v.gone) checks.push('gone');
  if (v.created) checks.push('created');
  if (v.attributes) checks.push(...Object.entries(v.attributes).map(([k, x]) => `${k}=${JSON.stringify(x)}`));
  if (v.flags) checks.push(...Object.entries(v.flags).map(([k, x]) => (x ? k : `not ${k}`)));
  if (v.tags !== undefined)
    checks.push(`tags ${typeof v.tags === 'string' ? v.tags : JSON.stringify(v.tags)}`);
  if (v.tagsAbsent !== undefined)
    checks.push(`no tags ${typeof v.tagsAbsent === 'string' ? v.tagsAbsent : v.tagsAbsent.join(',')}`);
  if (v.command) checks.push(`$ ${v.command.map(quoteArg).join(' ')} exits ${v.expect?.exitCode ?? 0}`);
  return `${checks.join(', ')} within ${v.timeoutSeconds}s`;
}

function describeParam(schema: ParamSchema, required: boolean): string {
  const parts: string[] = [schema.type];
  if (schema.enum) parts.push(`one of ${schema.enum.map((x) => JSON.stringify(x)).join('|')}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (required) parts.push('required');
  return `${parts.join(', ')}${schema.description ? ` — ${schema.description}` : ''}`;
}

/** Shows an argument the way a reader can paste it: plain when safe, single-quoted otherwise. */
function quoteArg(arg: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
