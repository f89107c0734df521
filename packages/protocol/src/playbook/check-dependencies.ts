import type { Playbook } from './playbook.schema.ts';
import { closest } from './closest-word.ts';

type Path = (string | number)[];
type Report = (code: string, path: Path, message: string) => void;

/**
 * `dependsOn` must name other steps of the playbook, without cycles; it only orders steps under
 * `execution.strategy: graph`, so elsewhere it is a warning.
 */
export function checkDependencies(
  playbook: Playbook,
  ids: ReadonlyMap<string, number>,
  error: Report,
  warn: Report,
): void {
  const graph = playbook.execution.strategy === 'graph';
  const edges = new Map<number, number[]>();
  playbook.steps.forEach((step, i) => {
    const deps = step.dependsOn ?? [];
    if (deps.length > 0 && !graph) {
      warn(
        'depends-on-ignored',
        ['steps', i, 'dependsOn'],
        `dependsOn only orders steps with execution.strategy: graph (this playbook runs them ${playbook.execution.strategy})`,
      );
    }
    deps.forEach((dep, j) => {
      const target = ids.get(dep);
      if (dep === step.id)
        error('dependency-cycle', ['steps', i, 'dependsOn', j], `step '${step.id}' depends on itself`);
      else if (target === undefined) {
        const near = closest(dep, [...ids.keys()]);
        error(
          'unknown-step',
          ['steps', i, 'dependsOn', j],
          `dependsOn names '${dep}', which is not a step${near ? ` (did you mean '${near}'?)` : ''}`,
        );
      } else edges.set(i, [...(edges.get(i) ?? []), target]);
    });
  });
  const cycle = findCycle(playbook.steps.length, edges);
  if (cycle) {
    const [head] = cycle;
    const names = cycle.map((i) => playbook.steps[i]?.id ?? '?');
    const from = playbook.steps[head as number];
    const j = from?.dependsOn?.indexOf(names[1] as string) ?? 0;
    error(
      'dependency-cycle',
      ['steps', head as number, 'dependsOn', Math.max(j, 0)],
      `dependsOn forms a cycle: ${[...names, names[0]].join(' → ')}`,
    );
  }
}

/** One cycle among steps (indices, in dependency order), or undefined. Self-loops are reported apart. */
function findCycle(count: number, edges: ReadonlyMap<number, number[]>): number[] | undefined {
  const colour = new Array<0 | 1 | 2>(count).fill(0);
  const stack: number[] = [];
  const visit = (i: number): number[] | undefined => {
    colour[i] = 1;
    stack.push(i);
    for (const j of edges.get(i) ?? []) {
      if (j === i) continue;
      if (colour[j] === 1) return stack.slice(stack.indexOf(j));
      if (colour[j] === 0) {
        const found = visit(j);
        if (found) return found;
      }
    }
    stack.pop();
    colour[i] = 2;
    return undefined;
  };
  for (let i = 0; i < count; i += 1) {
    if (colour[i] === 0) {
      const found = visit(i);
      if (found) return found;
    }
  }
  return undefined;
}
