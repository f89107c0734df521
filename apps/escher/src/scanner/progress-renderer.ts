import type { LimiterClock } from './rate-limiter.ts';
import type { ScanEvent } from './scan-events.ts';
import { ScanProgress, type AccountProgress } from './progress.ts';
import type { ScanSummary } from './scan-sink.ts';

/** Something that shows a scan's progress; the scanner only calls `onEvent`. */
export interface ProgressRenderer {
  onEvent(event: ScanEvent): void;
  /** Draws the final state and releases the terminal. */
  stop(): void;
}

/** The little of a writable stream a renderer needs (process.stderr fits). */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Draws a block of lines in place. The shape of cli-progress's MultiBar is kept deliberately
 * small so that library (or listr2) can replace the built-in ANSI drawer without touching the
 * renderer.
 */
export interface LineBlock {
  /** Replaces the block on screen with `lines`. */
  draw(lines: readonly string[]): void;
  /** Leaves the last drawing on screen and moves below it. */
  done(): void;
}

/** A LineBlock on raw ANSI escapes: cursor up, clear line. */
export function ansiLineBlock(out: TextOutput): LineBlock {
  let drawn = 0;
  return {
    draw(lines) {
      const up = drawn > 0 ? `\u001b[${drawn}A` : '';
      out.write(up + lines.map((l) => `\r\u001b[2K${l}\n`).join(''));
      drawn = lines.length;
    },
    done() {
      drawn = 0;
    },
  };
}

/** Renders nothing: for `--json`, where stdout carries only the JSON result. */
export function createSilentRenderer(): ProgressRenderer {
  return { onEvent: () => undefined, stop: () => undefined };
}

const BAR_WIDTH = 24;

/** One progress bar line per cloud account. */
export function formatAccountLine(a: AccountProgress): string {
  const total = a.planned ? a.scopesTotal : 0;
  const ratio = total > 0 ? a.scopesDone / total : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const scopes = a.planned ? `${a.scopesDone}/${total} scopes` : 'listing regions…';
  const errors = a.errors > 0 ? `  ${a.errors} error${a.errors === 1 ? '' : 's'}` : '';
  const throttled = a.throttled > 0 ? `  ${a.throttled} throttled` : '';
  return `${a.cloud.padEnd(5)} ${a.account.padEnd(22)} ${bar} ${scopes.padEnd(16)} ${String(a.resources).padStart(7)} resources  ${a.callsPerSecond.toFixed(1).padStart(6)} calls/s${throttled}${errors}`;
}

/** The closing line of a scan, for humans. */
export function formatSummaryLine(summary: ScanSummary): string {
  const errors = summary.errors.length;
  return `${summary.resources} resources (+${summary.added} ~${summary.changed} -${summary.removed}), ${summary.apiCalls} API calls, ${(summary.durationMs / 1000).toFixed(1)} s${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
}

/**
 * Progress bars on a terminal: one line per cloud account (scopes done of total, resources,
 * calls per second, throttles, errors), redrawn at most every `intervalMs`, then the scan's
 * errors and summary line.
 */
export function createTtyRenderer(options: {
  out: TextOutput;
  clock?: LimiterClock;
  intervalMs?: number;
  block?: LineBlock;
}): ProgressRenderer {
  const clock = options.clock ?? { now: () => Date.now() };
  const progress = new ScanProgress(clock);
  const block = options.block ?? ansiLineBlock(options.out);
  const interval = options.intervalMs ?? 100;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let summary: ScanSummary | undefined;
  let stopped = false;
  const draw = (): void => {
    drawnAt = clock.now();
    const lines = progress.accounts().map(formatAccountLine);
    for (const e of progress.cloudErrors) lines.push(`${e.cloud.padEnd(5)} ${e.message}`);
    block.draw(lines);
  };
  return {
    onEvent(event) {
      if (stopped) return;
      progress.apply(event);
      if (event.kind === 'scan-finished') summary = event.summary;
      if (clock.now() - drawnAt >= interval) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      draw();
      block.done();
      if (!summary) return;
      for (const e of summary.errors) options.out.write(`  ✗ ${describeWhere(e)}: ${e.message}\n`);
      options.out.write(`${formatSummaryLine(summary)}\n`);
    },
  };
}

/** Quiet output when not on a terminal (CI logs): one line per finished scope, then the summary. */
export function createLineRenderer(options: { out: TextOutput }): ProgressRenderer {
  const { out } = options;
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'scope-done': {
          const s = event.scope;
          out.write(
            `${s.cloud} ${s.account} ${s.region} ${s.service}: ${event.resources} resources (+${event.added} ~${event.changed} -${event.removed})\n`,
          );
          break;
        }
        case 'scope-failed':
        case 'listing-failed':
          out.write(`${describeWhere(event.error)}: FAILED: ${event.error.message}\n`);
          break;
        case 'scan-finished':
          out.write(`${formatSummaryLine(event.summary)}${event.cancelled ? ' (cancelled)' : ''}\n`);
          break;
        default:
          break;
      }
    },
    stop: () => undefined,
  };
}

/**
 * Picks the renderer the CLI contract asks for: nothing with `--json`, bars on a terminal, lines
 * otherwise. Progress goes to `out` (stderr), never to stdout.
 */
export function createProgressRenderer(options: {
  json: boolean;
  out: TextOutput;
  clock?: LimiterClock;
}): ProgressRenderer {
  if (options.json) return createSilentRenderer();
  if (options.out.isTTY)
    return createTtyRenderer({ out: options.out, ...(options.clock ? { clock: options.clock } : {}) });
  return createLineRenderer({ out: options.out });
}

function describeWhere(e: { cloud: string; account?: string; region?: string; service?: string }): string {
  return [e.cloud, e.account, e.region, e.service].filter(Boolean).join(' ');
}
