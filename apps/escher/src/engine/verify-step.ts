import type { Resource, Verify } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import type { CommandResult } from './command-runner.ts';
import { flagValue } from './resource-flag.ts';

/** What a verify reads: the target re-read from its cloud, and the command's result if it has one. */
export interface VerifyProbe {
  refresh(): Promise<Resource | undefined>;
  runCommand(argv: readonly string[]): Promise<CommandResult>;
  outcome?: OperationOutcome;
}

/** Waits between checks; tests pass one that advances a fake clock instead of sleeping. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Re-checks `verify` until it holds or its `timeoutSeconds` pass (then says why not), every
 * `intervalSeconds`. The clock and the wait are injected, so tests never sleep.
 */
export async function verifyUntil(
  verify: Verify,
  probe: VerifyProbe,
  time: { now(): number; sleep: Sleep; signal?: AbortSignal },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = time.now() + verify.timeoutSeconds * 1000;
  for (;;) {
    const reason = await checkOnce(verify, probe);
    if (reason === undefined) return { ok: true };
    if (time.signal?.aborted) return { ok: false, reason: `cancelled while verifying: ${reason}` };
    if (time.now() >= deadline) return { ok: false, reason: `${reason} after ${verify.timeoutSeconds}s` };
    await time.sleep(
      Math.min(verify.intervalSeconds * 1000, Math.max(0, deadline - time.now())),
      time.signal,
    );
  }
}

/** Why the verify does not hold now, or undefined when it does. */
async function checkOnce(v: Verify, probe: VerifyProbe): Promise<string | undefined> {
  if (v.created && !(probe.outcome?.created?.length ?? 0)) return 'the operation reported nothing created';
  const needsResource =
    v.state !== undefined ||
    v.gone ||
    v.attributes ||
    v.flags ||
    v.tags !== undefined ||
    v.tagsAbsent !== undefined;
  if (needsResource) {
    const r = await probe.refresh();
    if (v.gone) {
      if (r && !['terminated', 'deleted'].includes(r.state ?? ''))
        return `still exists (${r.state ?? 'unknown state'})`;
    } else {
      if (!r) return 'the target no longer exists';
      const states = v.state === undefined ? [] : Array.isArray(v.state) ? v.state : [v.state];
      if (states.length > 0 && !states.includes(r.state ?? ''))
        return `state is ${r.state ?? 'unknown'}, not ${states.join(' or ')}`;
      for (const [key, want] of Object.entries(v.attributes ?? {})) {
        if (JSON.stringify(r.attributes[key]) !== JSON.stringify(want))
          return `${key} is ${JSON.stringify(r.attributes[key])}, not ${JSON.stringify(want)}`;
      }
      for (const [flag, want] of Object.entries(v.flags ?? {})) {
        if (flagValue(r, flag) !== want) return `${flag} is not ${String(want)}`;
      }
      if (v.tags !== undefined && typeof v.tags === 'object') {
        for (const [k, want] of Object.entries(v.tags))
          if (r.tags[k] !== want) return `tag ${k} is not '${want}'`;
      }
      if (Array.isArray(v.tagsAbsent)) {
        for (const k of v.tagsAbsent) if (k in r.tags) return `tag ${k} is still present`;
      }
    }
  }
  if (v.command) {
    const result = await probe.runCommand(v.command);
    const want = v.expect?.exitCode ?? 0;
    if (result.exitCode !== want) return `the verify command exited ${String(result.exitCode)}, not ${want}`;
    if (v.expect?.stdoutIncludes !== undefined && !result.stdout.includes(v.expect.stdoutIncludes)) {
      return `the verify command's output lacks '${v.expect.stdoutIncludes}'`;
    }
    if (v.expect?.stdoutMatches !== undefined && !new RegExp(v.expect.stdoutMatches).test(result.stdout)) {
      return `the verify command's output does not match /${v.expect.stdoutMatches}/`;
    }
  }
  return undefined;
}
