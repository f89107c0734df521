import type { PlannedStep, PlanTarget, Resource } from '@escher/protocol';
import { requireActions, type RunContext } from './step-actions.ts';

/** A target as it was when the apply reached it, before any step changed it. */
export type BeforeState = { ok: true; resource: Resource | undefined } | { ok: false; reason: string };

/** What a rollback must put back: the state, the tags and the attributes/flags the steps verify. */
interface Watched {
  attributes: string[];
}

const DEFAULT_TIMEOUT_S = 300;
const DEFAULT_INTERVAL_S = 5;

/** True when any step of the target may roll back (only then is the before-state worth a read). */
export function mayRollBack(steps: readonly PlannedStep[]): boolean {
  return steps.some((s) => s.onFailure === 'rollback');
}

/** Reads the target as it is now (the before-state a rollback is checked against). */
export async function captureBefore(resource: Resource, ctx: RunContext): Promise<BeforeState> {
  try {
    const actions = requireActions(resource, ctx.deps);
    return { ok: true, resource: await actions.refresh(resource, { signal: ctx.signal }) };
  } catch (error) {
    return { ok: false, reason: ctx.deps.redact(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * After a rollback's undos ran: re-reads the target (polling, on the injected clock, up to the
 * longest verify timeout of its steps) until it is back to the before-state — same existence,
 * state, tags, and the attributes and flags its steps verify. Resolves with why not, or
 * undefined when it is back. A rollback is only called successful when this holds.
 */
export async function verifyRestored(
  t: PlanTarget,
  resource: Resource,
  before: BeforeState,
  ctx: RunContext,
): Promise<string | undefined> {
  if (!before.ok) return `the before-state could not be read at apply time (${before.reason})`;
  const { deps } = ctx;
  const watched: Watched = {
    attributes: [
      ...new Set(
        t.steps.flatMap((s) => [
          ...Object.keys(s.verify?.attributes ?? {}),
          ...Object.keys(s.verify?.flags ?? {}),
        ]),
      ),
    ],
  };
  const timeoutMs = Math.max(DEFAULT_TIMEOUT_S, ...t.steps.map((s) => s.verify?.timeoutSeconds ?? 0)) * 1000;
  const intervalMs =
    Math.min(...t.steps.map((s) => s.verify?.intervalSeconds ?? DEFAULT_INTERVAL_S), DEFAULT_INTERVAL_S) *
    1000;
  const deadline = deps.clock.now() + timeoutMs;
  // A rollback is finished even after a cancel: its check must not be cut short by one.
  const signal = new AbortController().signal;
  let why: string | undefined;
  for (;;) {
    try {
      const now = await requireActions(resource, deps).refresh(resource, { signal });
      why = difference(before.resource, now, watched);
    } catch (error) {
      why = `re-reading it failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (why === undefined) return undefined;
    if (deps.clock.now() >= deadline) return deps.redact(why);
    await deps.sleep(intervalMs, signal);
  }
}

function difference(
  before: Resource | undefined,
  now: Resource | undefined,
  watched: Watched,
): string | undefined {
  if (!before) return now ? 'it exists now but did not before' : undefined;
  if (!now) return 'it no longer exists';
  if ((now.state ?? '') !== (before.state ?? ''))
    return `state is ${now.state ?? 'unknown'}, was ${before.state ?? 'unknown'}`;
  const keys = new Set([...Object.keys(before.tags), ...Object.keys(now.tags)]);
  for (const k of [...keys].sort()) {
    if (before.tags[k] !== now.tags[k])
      return `tag ${k} is ${show(now.tags[k])}, was ${show(before.tags[k])}`;
  }
  for (const k of watched.attributes) {
    if (JSON.stringify(before.attributes[k]) !== JSON.stringify(now.attributes[k]))
      return `${k} is ${show(now.attributes[k])}, was ${show(before.attributes[k])}`;
  }
  return undefined;
}

function show(v: unknown): string {
  return v === undefined ? 'absent' : JSON.stringify(v);
}
