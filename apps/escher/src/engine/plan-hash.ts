import { createHash, randomBytes } from 'node:crypto';
import type { Plan } from '@escher/protocol';
import { canonicalJson } from '../ledger/index.ts';

/**
 * SHA-256 (hex) of a plan's canonical JSON (sorted keys, no whitespace): what an approval signs.
 * Any change to any field — a target, a rendered argument, a setting — changes it.
 */
export function hashPlan(plan: Plan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex');
}

/** A new plan id and the id its execution will have (one execution per plan). */
export function newPlanIds(): { planId: string; executionId: string } {
  const suffix = randomBytes(5).toString('hex');
  return { planId: `plan-${suffix}`, executionId: `ex-${suffix}` };
}

/** The execution id of a plan (`plan-ab12` → `ex-ab12`). */
export function executionIdOf(planId: string): string {
  return planId.replace(/^plan-/, 'ex-');
}
