import type { BlastEntry, GraphEdge, GraphNode, Resource, ResourceGraphReport } from '@escher/protocol';

/** Blast-radius lines printed before "… N more"; the full list is in `--json`. */
export const MAX_TREE_LINES = 60;

/**
 * The human form of `escher graph`: the resource, what it points to, what points to it, and the
 * blast radius as a tree (each resource under the one it depends on).
 */
export function renderGraph(report: ResourceGraphReport, maxTreeLines = MAX_TREE_LINES): string[] {
  const { resource, outgoing, incoming, blastRadius: blast } = report;
  const lines = [describeResource(resource), `  ${resource.id}`, ''];
  lines.push(`points to (${outgoing.length})`, ...edgeLines(outgoing));
  lines.push(`pointed to by (${incoming.length})`, ...edgeLines(incoming), '');

  const share = Math.round(blast.production.share * 100);
  const more = blast.truncated ? '+' : '';
  lines.push(
    `blast radius (depth ≤ ${blast.maxDepth}): ${blast.count}${more} resource${blast.count === 1 ? '' : 's'}` +
      (blast.count > 0 ? `, ${blast.production.count} in production (${share}%)` : ''),
  );
  if (blast.count === 0) {
    lines.push(`  nothing depends on this ${resource.type}`);
    return lines;
  }
  lines.push(`  by depth: ${blast.byDepth.map((d) => `${d.depth}: ${d.count}`).join(' · ')}`);
  lines.push(`  by type: ${blast.byType.map((t) => `${t.type} ${t.count}`).join(', ')}`);
  if (blast.truncated) lines.push(`  stopped at ${blast.limit} resources (--limit); counts are lower bounds`);
  lines.push(`  ${resource.name}`);
  const tree = treeLines(resource.id, blast.resources);
  lines.push(...tree.slice(0, maxTreeLines).map((l) => `  ${l}`));
  if (tree.length > maxTreeLines) lines.push(`  … ${tree.length - maxTreeLines} more (see --json)`);
  return lines;
}

function describeResource(r: Resource): string {
  const facts = [r.cloud, r.account, r.region, r.state, r.environment].filter(Boolean).join(', ');
  return `${r.type} ${r.name} (${facts})`;
}

function edgeLines(edges: readonly GraphEdge[]): string[] {
  if (edges.length === 0) return ['  (none)'];
  const kindWidth = Math.max(...edges.map((e) => e.kind.length));
  const typeWidth = Math.max(...edges.map((e) => (e.node.type ?? '?').length));
  return edges.map(
    (e) => `  ${e.kind.padEnd(kindWidth)}  ${(e.node.type ?? '?').padEnd(typeWidth)}  ${nodeLabel(e.node)}`,
  );
}

/** `name (state, env)`, or what is known of a removed or dangling node. */
export function nodeLabel(node: GraphNode): string {
  if (node.status === 'dangling') return `${node.id} (dangling: not in the store)`;
  const facts = [node.state, node.environment, node.status === 'removed' ? 'removed' : undefined].filter(
    Boolean,
  );
  return `${node.name ?? node.id}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

function treeLines(rootId: string, entries: readonly BlastEntry[]): string[] {
  const children = new Map<string, BlastEntry[]>();
  for (const entry of entries) {
    const list = children.get(entry.via.id);
    if (list) list.push(entry);
    else children.set(entry.via.id, [entry]);
  }
  const out: string[] = [];
  const walk = (id: string, prefix: string): void => {
    const list = children.get(id) ?? [];
    list.forEach((entry, i) => {
      const last = i === list.length - 1;
      out.push(
        `${prefix}${last ? '└─' : '├─'} ${entry.node.type} ${nodeLabel(entry.node)}  [${entry.via.kind}]`,
      );
      walk(entry.node.id, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(rootId, '');
  return out;
}
