import type { MutatingAction, PlanFinding, Resource } from '@escher/protocol';

/** A stored relationship, as the store's edge queries return it. */
export interface GraphEdge {
  sourceId: string;
  kind: string;
  targetId: string;
}

/** The part of the resource graph planning reads (`Store.edges()` fits). */
export interface GraphView {
  /** Every live relationship pointing at one of `ids`. */
  incoming(ids: readonly string[]): GraphEdge[];
  /** The stored resources of `ids` (those removed by a sync carry `removedAt`). */
  known(ids: readonly string[]): Map<string, { resource: Resource; removedAt?: string }>;
}

/** How old the newest snapshot of a volume may be before deleting it is only a warning. */
export const RECENT_SNAPSHOT_MS = 7 * 24 * 3600 * 1000;

/**
 * The blast-radius rules of a plan over the resource graph (docs/engine.md): what stopping or
 * deleting these targets does to things that depend on them. Errors block approval; warnings are
 * shown and kept in the plan.
 *
 * - stopping or deleting every healthy (running) target of a load balancer: error;
 * - deleting a volume with no snapshot newer than 7 days: warning;
 * - deleting a firewall (security group) something still uses: error.
 */
export function blastRadius(
  targets: readonly { resource: Resource; actions: ReadonlySet<MutatingAction> }[],
  graph: GraphView,
  now: number,
): PlanFinding[] {
  const findings: PlanFinding[] = [];
  const removing = (a: ReadonlySet<MutatingAction>): boolean => a.has('stop') || a.has('delete');
  const planned = new Set(targets.filter((t) => removing(t.actions)).map((t) => t.resource.id));

  // Load balancers: any LB routing to a stopped/deleted instance, then all of that LB's targets.
  const instances = targets.filter((t) => t.resource.type === 'compute.instance' && removing(t.actions));
  const lbIds = new Set(
    graph
      .incoming(instances.map((t) => t.resource.id))
      .filter((e) => e.kind === 'lb-target')
      .map((e) => e.sourceId),
  );
  const lbs = graph.known([...lbIds]);
  for (const { resource: lb, removedAt } of lbs.values()) {
    if (removedAt) continue;
    const members = lb.relationships.filter((r) => r.kind === 'lb-target').map((r) => r.targetId);
    const healthy = [...graph.known(members).values()]
      .filter((k) => !k.removedAt && k.resource.state === 'running')
      .map((k) => k.resource.id);
    if (healthy.length > 0 && healthy.every((id) => planned.has(id))) {
      findings.push({
        severity: 'error',
        code: 'blast-radius-load-balancer',
        message: `${lb.name || lb.id} would lose every healthy target (${healthy.length}); keep at least one running`,
      });
    }
  }

  const volumes = targets.filter((t) => t.resource.type === 'compute.volume' && t.actions.has('delete'));
  if (volumes.length > 0) {
    const snapshotsOf = new Map<string, string[]>();
    for (const e of graph.incoming(volumes.map((t) => t.resource.id))) {
      if (e.kind === 'snapshot-of')
        snapshotsOf.set(e.targetId, [...(snapshotsOf.get(e.targetId) ?? []), e.sourceId]);
    }
    for (const { resource: volume } of volumes) {
      const snaps = [...graph.known(snapshotsOf.get(volume.id) ?? []).values()].filter((k) => !k.removedAt);
      const recent = snaps.some(
        (k) =>
          k.resource.createdAt !== undefined && now - Date.parse(k.resource.createdAt) <= RECENT_SNAPSHOT_MS,
      );
      if (!recent) {
        findings.push({
          severity: 'warning',
          code: 'no-recent-snapshot',
          message: `${volume.name || volume.id} has no snapshot from the last 7 days; its data will be gone`,
          target: volume.id,
        });
      }
    }
  }

  const firewalls = targets.filter((t) => t.resource.type === 'network.firewall' && t.actions.has('delete'));
  if (firewalls.length > 0) {
    const users = new Map<string, string[]>();
    for (const e of graph.incoming(firewalls.map((t) => t.resource.id))) {
      if (e.kind === 'security-group') users.set(e.targetId, [...(users.get(e.targetId) ?? []), e.sourceId]);
    }
    for (const { resource: fw } of firewalls) {
      const inUse = users.get(fw.id) ?? [];
      if (inUse.length > 0) {
        findings.push({
          severity: 'error',
          code: 'firewall-in-use',
          message: `${fw.name || fw.id} still guards ${inUse.length} resource(s); detach it from them first`,
          target: fw.id,
        });
      }
    }
  }
  return findings;
}
