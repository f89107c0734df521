import { UserError } from '@escher/protocol';
import type { OperationOutcome } from '@escher/provider-api';
import type { GcpRun } from '../core/define.ts';
import { localDryRun } from '../core/define.ts';
import { labelChanges } from './label-rules.ts';
import { isLabelConflict, LABEL_WRITERS } from './label-writers.ts';

/** Attempts at a read-modify-write of labels when someone else changes them in between. */
const ATTEMPTS = 3;

/**
 * Sets and removes labels on one resource: reads the current labels, computes the new map (and
 * the undo from what it replaces), writes it. A lost race on a fingerprint (Compute Engine 412,
 * GKE mismatch) is retried on a fresh read. Types without labels are refused with a clear error.
 */
export async function changeLabels(
  run: GcpRun<unknown>,
  set: Readonly<Record<string, string>>,
  remove: readonly string[],
): Promise<OperationOutcome> {
  const { ctx, target, dryRun } = run;
  const writer = LABEL_WRITERS[target.type];
  if (!writer)
    throw new UserError('gcp-labels-unsupported', `GCP ${target.type} ${target.name} cannot carry labels.`, {
      hint: 'Firewall rules, VPC networks, subnetworks and service accounts have no labels in Google Cloud',
    });
  for (let attempt = 1; ; attempt++) {
    const current = await writer.read(ctx, target);
    const change = labelChanges(current.labels, set, remove);
    const summary = [
      ...Object.entries(change.set).map(([k, v]) => `${k}=${v}`),
      ...change.removed.map((k) => `-${k}`),
    ].join(', ');
    if (!change.changed)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `labels of ${target.name} already as asked`,
      };
    if (dryRun) return localDryRun(`would set labels of ${target.name}: ${summary}`);
    try {
      await writer.write(ctx, target, change, current);
    } catch (error) {
      if (attempt < ATTEMPTS && isLabelConflict(error)) continue;
      throw error;
    }
    return {
      status: 'succeeded',
      message: `labels of ${target.name}: ${summary}`,
      ...(change.undo ? { undo: change.undo } : {}),
    };
  }
}
