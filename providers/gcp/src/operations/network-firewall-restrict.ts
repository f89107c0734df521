import { operationParams, UserError } from '@escher/protocol';
import { z } from 'zod';
import { computeChange } from './core/compute-operation.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { computeRef } from './core/target.ts';
import { getFirewall } from './refresh/compute-readers.ts';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;

/** The catalogue's params with VPC firewall's shape of `restore`. */
const Params = operationParams('network.firewall.restrict').extend({
  /**
   * `auto` (default): drop the world ranges when other source ranges remain, else disable the
   * rule; `disable`: always disable; `remove-world-ranges`: only drop them (refused when none
   * would remain, since an empty list cannot be patched in).
   */
  mode: z.enum(['auto', 'disable', 'remove-world-ranges']).default('auto'),
  /** The rule's previous `disabled` and `sourceRanges`: the undo of a restrict. */
  restore: z
    .object({ disabled: z.boolean(), sourceRanges: z.array(z.string().regex(CIDR)).min(1).optional() })
    .strict()
    .optional(),
});

/**
 * `network.firewall.restrict`: closes an ingress rule open to the internet with firewalls.patch:
 * it removes `0.0.0.0/0` / `::/0` from `sourceRanges` or disables the rule (by `mode`), waited on
 * until the global operation is done. Egress rules and rules without world ranges are left alone.
 * Undo: `restore` with the rule's exact previous `disabled` and `sourceRanges`.
 */
export const networkFirewallRestrict = defineOperation({
  id: 'network.firewall.restrict',
  types: ['network.firewall'],
  params: Params,
  async run({ ctx, target, params, dryRun }) {
    const ref = computeRef(target, 'firewalls');
    const rule = await getFirewall(ctx, ref);
    const ranges = [...(rule.sourceRanges ?? [])];
    const disabled = rule.disabled === true;
    let patch: { disabled?: boolean; sourceRanges?: string[] };
    let change: string;
    if (params.restore) {
      patch = {
        disabled: params.restore.disabled,
        ...(params.restore.sourceRanges ? { sourceRanges: params.restore.sourceRanges } : {}),
      };
      change = `restore ${params.restore.disabled ? 'disabled' : 'enabled'}${params.restore.sourceRanges ? ` with sources ${params.restore.sourceRanges.join(', ')}` : ''}`;
    } else {
      const world = ranges.filter((r) => WORLD.has(r));
      const rest = ranges.filter((r) => !WORLD.has(r));
      if (rule.direction === 'EGRESS' || disabled || world.length === 0)
        return {
          status: dryRun ? 'dry-run-ok' : 'succeeded',
          message: `firewall rule ${ref.name} is not open to the internet (${rule.direction === 'EGRESS' ? 'egress' : disabled ? 'disabled' : 'no world source range'})`,
        };
      const drop = params.mode === 'remove-world-ranges' || (params.mode === 'auto' && rest.length > 0);
      if (drop && rest.length === 0)
        throw new UserError(
          'gcp-firewall-no-sources-left',
          `Removing ${world.join(', ')} from firewall rule ${ref.name} would leave it no source range.`,
          { hint: 'Use mode disable (or auto), which disables the rule instead' },
        );
      patch = drop ? { sourceRanges: rest } : { disabled: true };
      change = drop ? `remove ${world.join(', ')} from the sources` : 'disable the rule';
    }
    if (dryRun) return localDryRun(`would ${change} of firewall rule ${ref.name}`);
    const client = await ctx.clients.firewalls();
    await computeChange(
      ctx,
      { service: 'compute', operation: 'firewalls.patch' },
      `patch of firewall rule ${ref.name}`,
      () => client.patch({ project: ref.project, firewall: ref.name, firewallResource: patch }),
    );
    return {
      status: 'succeeded',
      message: `firewall rule ${ref.name}: ${change}: done`,
      undo: {
        operation: 'network.firewall.restrict',
        params: { restore: { disabled, ...(ranges.length ? { sourceRanges: ranges } : {}) } },
      },
    };
  },
});
