import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column. */
export interface SourcePosition {
  line: number;
  col: number;
}

type Path = readonly (string | number)[];

/**
 * Where a value sits in a YAML document, for error messages. Follows `path` as far as the
 * document goes: a value that is there is pointed at itself (or at its key with `at: 'key'`, for
 * a key that should not be there); a value that is missing is pointed at the map that lacks it,
 * which is where the user has to add it.
 */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  path: Path,
  at: 'value' | 'key' = 'value',
): SourcePosition {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let last: Node | undefined = isNodeLike(node) ? node : undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      keyNode = isNodeLike(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
    } else {
      break;
    }
    // An empty value (`verify:` with nothing after it) has no node: point at its key.
    const here = at === 'key' && keyNode ? keyNode : isNodeLike(node) ? node : keyNode;
    if (here) last = here;
  }
  const offset = last?.range?.[0] ?? 0;
  return lines.linePos(offset);
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
