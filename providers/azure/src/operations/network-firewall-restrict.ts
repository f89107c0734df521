import { operationParams } from '@escher/protocol';
import type { OperationOutcome, OperationRequest, ProviderOperation } from '@escher/provider-api';
import type { SecurityRule } from '@azure/arm-network';
import { z } from 'zod';
import { coversPort, normaliseRule } from '../normalise/nsg-rules.ts';
import { armTargetOf, type ArmTarget } from './arm-target.ts';
import { ruleBody, SavedRule, saveRule } from './nsg-rule-snapshot.ts';
import {
  armRead,
  dryRunOk,
  parseParams,
  runLro,
  type OperationDeps,
  type OperationFactory,
} from './operation-kit.ts';

const ID = 'network.firewall.restrict' as const;

/** The catalogue's params, with Azure's shape of what it narrows. */
const Params = operationParams(ID).extend({
  /** Only world-open rules that cover one of these ports (e.g. [22, 3389]); default: every world-open inbound allow. */
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(100).optional(),
  /** Only these rules (by name). */
  rules: z.array(z.string().min(1).max(80)).min(1).max(1000).optional(),
  /** Set by the undo: the rules to create again, exactly as they were. */
  restore: z.array(SavedRule).min(1).max(1000).optional(),
});
type Params = z.infer<typeof Params>;

/** Inbound Allow rules whose source is the whole Internet (`*`, `Internet`, `0.0.0.0/0`, …), narrowed by params. */
function worldOpen(rules: readonly SecurityRule[], params: Params): SecurityRule[] {
  return rules.filter((r) => {
    if (r.direction !== 'Inbound' || r.access !== 'Allow') return false;
    const rule = normaliseRule(r.name ?? '', r);
    if (!rule.fromWorld) return false;
    if (params.rules && !params.rules.some((n) => n.toLowerCase() === rule.name.toLowerCase())) return false;
    return !params.ports || params.ports.some((port) => coversPort(rule.ports, port));
  });
}

async function restoreRules(
  deps: OperationDeps,
  request: OperationRequest,
  nsg: ArmTarget,
  rules: SavedRule[],
): Promise<OperationOutcome> {
  const names = rules.map((r) => r.name);
  if (request.dryRun)
    return dryRunOk(`Would create ${rules.length} rule(s) again on NSG ${nsg.name}: ${names.join(', ')}`);
  // One at a time: ARM serialises changes to one NSG and answers concurrent ones with AnotherOperationInProgress.
  for (const rule of rules)
    await runLro(request, nsg.subscriptionId, 'securityRules.createOrUpdate', async (abortSignal) => ({
      poller: await deps.clients
        .network(nsg.subscriptionId)
        .securityRules.beginCreateOrUpdate(nsg.resourceGroup, nsg.name, rule.name, ruleBody(rule), {
          abortSignal,
        }),
    }));
  return {
    status: 'succeeded',
    message: `Created ${rules.length} rule(s) again on NSG ${nsg.name}: ${names.join(', ')}`,
    undo: { operation: ID, params: { rules: names } },
  };
}

/**
 * Removes an NSG's exposure to the Internet: deletes its inbound Allow rules whose source is the
 * whole Internet (DELETE …/securityRules/{rule}, one at a time, each waited for), optionally only
 * those covering `ports` or named in `rules`. Deny rules, narrower sources and outbound rules
 * stay. The undo is the same operation with `restore`: the removed rules, field for field, which
 * it creates again (PUT …/securityRules/{rule}).
 */
export const networkFirewallRestrict: OperationFactory = (deps): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const nsg = armTargetOf(request.target, ID, ['Microsoft.Network/networkSecurityGroups']);
    if (params.restore) return restoreRules(deps, request, nsg, params.restore);
    const network = deps.clients.network(nsg.subscriptionId);
    const group = await armRead(request, nsg.subscriptionId, 'networkSecurityGroups.get', () =>
      network.networkSecurityGroups.get(nsg.resourceGroup, nsg.name, { abortSignal: request.signal }),
    );
    const open = worldOpen(group.securityRules ?? [], params);
    const names = open.map((r) => r.name ?? '');
    if (open.length === 0) {
      const message = `NSG ${nsg.name} has no inbound rule open to the Internet${params.ports ? ` on ${params.ports.join(', ')}` : ''}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun)
      return dryRunOk(
        `Would delete ${open.length} world-open rule(s) from NSG ${nsg.name}: ${names.join(', ')}`,
      );
    const removed: SavedRule[] = [];
    for (const rule of open) {
      await runLro(request, nsg.subscriptionId, 'securityRules.delete', async (abortSignal) => ({
        poller: await network.securityRules.beginDelete(nsg.resourceGroup, nsg.name, rule.name ?? '', {
          abortSignal,
        }),
      }));
      removed.push(saveRule(rule));
    }
    return {
      status: 'succeeded',
      message: `Deleted ${removed.length} world-open rule(s) from NSG ${nsg.name}: ${names.join(', ')}`,
      undo: { operation: ID, params: { restore: removed } },
    };
  },
});
