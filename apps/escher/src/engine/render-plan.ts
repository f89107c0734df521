import type { ExecutionEvent, ExecutionRecord, Plan, RenderedAction } from '@escher/protocol';

/** Shows an argument the way a reader can paste it: plain when safe, single-quoted otherwise. */
export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function actionText(run: RenderedAction): string {
  if ('argv' in run) return `$ ${run.argv.map(quoteArg).join(' ')}`;
  const params = Object.entries(run.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${run.operation}${params.length ? ` ${params.join(' ')}` : ''}`;
}

/**
 * What the user reads before approving (docs/engine.md): the playbook and risk, every target
 * with its rendered steps, what was skipped and why, and the errors and warnings.
 */
export function renderPlan(plan: Plan, hash: string, executionId: string): string[] {
  const e = plan.execution;
  const lines = [
    `Plan ${plan.id} (execution ${executionId}) · ${plan.playbook.id} ${plan.playbook.version} · risk ${plan.risk}${plan.production ? ' · PRODUCTION' : ''}`,
    `hash ${hash}`,
    `${plan.targets.length} target(s) · ${e.strategy}, ${e.concurrency} at a time${e.waves ? ` · waves: canary ${e.waves.canary}, then ${e.waves.batchSize} at a time` : ''}`,
  ];
  for (const t of plan.targets) {
    lines.push(
      `  ${t.name || t.id}  ${t.cloud}/${t.account}/${t.region}  ${t.type}  ${t.state ?? ''}${t.environment ? `  env=${t.environment}` : ''}`,
    );
    lines.push(`    ${t.id}`);
    for (const s of t.steps) {
      const extra = [
        s.verify ? 'verify' : '',
        s.rollback ? `rollback ${s.rollback === 'auto' ? 'auto' : actionText(s.rollback)}` : '',
        `on failure ${s.onFailure}`,
      ].filter(Boolean);
      lines.push(`    ${s.id}: ${actionText(s.run)}  (${extra.join(', ')})`);
    }
  }
  if (plan.skipped.length > 0) {
    lines.push(`skipped ${plan.skipped.length}:`);
    for (const s of plan.skipped.slice(0, 20)) lines.push(`  ${s.name || s.id}: ${s.reason}`);
    if (plan.skipped.length > 20) lines.push(`  … and ${plan.skipped.length - 20} more`);
  }
  for (const f of plan.findings)
    lines.push(`${f.severity.toUpperCase()} ${f.code}: ${f.message}${f.target ? ` [${f.target}]` : ''}`);
  return lines;
}

/** One event as a line: time, target, step, text. */
export function renderEvent(event: ExecutionEvent): string {
  const time = event.at.slice(11, 23);
  const where = [event.target ? shortId(event.target) : '', event.stepId ?? ''].filter(Boolean).join(' ');
  const tag =
    event.kind === 'output' ? (event.stream === 'stderr' ? '!' : '|') : event.kind === 'state' ? '=' : '*';
  return `${time} ${where ? `${where} ` : ''}${tag} ${event.text}`;
}

/** `escher executions`: one line per execution. */
export function renderExecutionList(records: readonly ExecutionRecord[]): string[] {
  if (records.length === 0) return ['No executions yet.'];
  return records.map(
    (r) =>
      `${r.id.padEnd(16)} ${r.state.padEnd(16)} ${r.playbookId.padEnd(28)} ${String(r.targetCount).padStart(4)} target(s)  ${r.createdAt}`,
  );
}

/** `escher executions ID`: the execution and its step results. */
export function renderExecution(r: ExecutionRecord): string[] {
  const lines = [
    `${r.id} (plan ${r.planId}) ${r.state}${r.message ? `: ${r.message}` : ''}`,
    `${r.playbookId} · ${r.targetCount} target(s)${r.approvedBy ? ` · approved by ${r.approvedBy}` : ''}${r.startedAt ? ` · started ${r.startedAt}` : ''}${r.finishedAt ? ` · finished ${r.finishedAt}` : ''}`,
  ];
  for (const s of r.steps) {
    lines.push(
      `  ${shortId(s.target)} ${s.stepId}: ${s.status}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ''}${s.exitCode !== null ? ` exit ${s.exitCode}` : ''}${s.message ? ` — ${s.message}` : ''}`,
    );
  }
  return lines;
}

function shortId(id: string): string {
  const tail = id.split(/[/:]/).filter(Boolean).pop() ?? id;
  return tail.length > 40 ? `${tail.slice(0, 37)}…` : tail;
}
