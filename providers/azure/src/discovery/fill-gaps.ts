import { mapLimit } from '@escher/provider-api';
import { statusOf } from '../arm/azure-error.ts';
import { getPowerState } from '../compute/get-power-state.ts';
import { isFunctionApp, linuxFxVersionOf } from '../normalise/function-app.ts';
import { powerStateOf } from '../normalise/virtual-machine.ts';
import type { GraphRow } from '../resource-graph/graph-row.ts';
import { getSiteRuntime } from '../web/get-site-runtime.ts';
import { ARM_CONCURRENCY, armTarget, type DiscoveryContext } from './context.ts';

type Filler = {
  applies: (row: GraphRow) => boolean;
  fill: (ctx: DiscoveryContext, row: GraphRow) => Promise<void>;
};

function properties(row: GraphRow): Record<string, unknown> {
  return (row.properties ??= {});
}

/**
 * Details Resource Graph usually has but may not yet (it catches up with changes asynchronously),
 * fetched from ARM for just those rows and written into the row, so normalisers read one shape.
 */
const FILLERS: readonly Filler[] = [
  {
    applies: (row) => row.type.toLowerCase() === 'microsoft.compute/virtualmachines' && !powerStateOf(row),
    fill: async (ctx, row) => {
      const code = await getPowerState(ctx.clients, ctx.subscriptionId, armTarget(row), ctx.options);
      if (code) properties(row)['extended'] = { instanceView: { powerState: { code } } };
    },
  },
  {
    applies: (row) =>
      row.type.toLowerCase() === 'microsoft.web/sites' &&
      isFunctionApp(row) &&
      (row.kind ?? '').toLowerCase().includes('linux') &&
      !linuxFxVersionOf(row),
    fill: async (ctx, row) => {
      const linuxFxVersion = await getSiteRuntime(
        ctx.clients,
        ctx.subscriptionId,
        armTarget(row),
        ctx.options,
      );
      const p = properties(row);
      p['siteConfig'] = { ...((p['siteConfig'] as object | null) ?? {}), linuxFxVersion };
    },
  },
];

/** Fills the gaps of one page in place. A resource gone since Graph's snapshot (404) stays as Graph had it. */
export async function fillGaps(ctx: DiscoveryContext, rows: GraphRow[]): Promise<void> {
  const work = rows.flatMap((row) => FILLERS.filter((f) => f.applies(row)).map((f) => ({ row, f })));
  await mapLimit(work, ARM_CONCURRENCY, async ({ row, f }) => {
    try {
      await f.fill(ctx, row);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  });
}
