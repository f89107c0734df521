/**
 * Structural comparison of two SDK outputs, for the differential tests: the same call against moto
 * and against the simulator must deserialize to the same field names and value types. Values are
 * ignored; array elements are merged into one element shape (the union of their fields) so a
 * field that only some elements carry (an optional `PublicIpAddress`) still counts.
 *
 * Paths read like `Reservations[].Instances[].State.Name`; `[]` is "any element", `{}` is "any
 * value of a map" (a field whose keys are data, such as Lambda's `Tags`).
 */

export type LeafType = 'string' | 'number' | 'boolean' | 'date' | 'bytes' | 'bigint' | 'stream' | 'function';

export type Shape =
  | { kind: 'leaf'; types: Set<string> }
  | { kind: 'object'; fields: Map<string, Shape> }
  | { kind: 'array'; element: Shape | undefined }
  | { kind: 'map'; value: Shape | undefined };

export interface ShapeDiff {
  path: string;
  /** What moto's output has there (`string`, `object`, `array`, … or `absent`). */
  moto: string;
  /** What the simulator's output has there. */
  sim: string;
}

export interface ShapeReport {
  /** Fields moto returns that the simulator lacks: failures. */
  missing: ShapeDiff[];
  /** Fields both return with different value types: failures. */
  mismatched: ShapeDiff[];
  /** Fields only the simulator returns: information (moto omits many real fields). */
  extra: ShapeDiff[];
  /**
   * Arrays or maps empty on one side (so their element shape could not be compared), and fields
   * moto returns as an empty list that the simulator omits.
   */
  unverified: ShapeDiff[];
}

export interface CompareOptions {
  /** Path patterns to skip entirely (`*` matches one segment name, `**` anything). */
  ignore?: readonly string[];
  /** Path patterns of objects whose keys are data (tag maps): compared by value shape only. */
  maps?: readonly string[];
}

/** True when the report has no failures (missing or mismatched fields). */
export const sameShape = (report: ShapeReport): boolean =>
  report.missing.length === 0 && report.mismatched.length === 0;

/** Compares moto's output (the reference) with the simulator's. `$metadata` is ignored at any depth. */
export function compareShapes(moto: unknown, sim: unknown, options: CompareOptions = {}): ShapeReport {
  const matchers = {
    ignore: (options.ignore ?? []).map(globToRegExp),
    maps: (options.maps ?? []).map(globToRegExp),
  };
  const report: ShapeReport = { missing: [], mismatched: [], extra: [], unverified: [] };
  const a = shapeOf(moto, '', matchers.maps);
  const b = shapeOf(sim, '', matchers.maps);
  if (a && b) diff(a, b, '', report, matchers.ignore);
  else if (a) report.missing.push({ path: '(root)', moto: describe(a), sim: 'absent' });
  return report;
}

/** The shape of a value, or undefined for null/undefined (an absent field). */
export function shapeOf(value: unknown, path = '', maps: readonly RegExp[] = []): Shape | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    let element: Shape | undefined;
    for (const item of value) element = merge(element, shapeOf(item, `${path}[]`, maps));
    return { kind: 'array', element };
  }
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'function':
      return { kind: 'leaf', types: new Set([typeof value]) };
    case 'object':
      break;
    default:
      return { kind: 'leaf', types: new Set([typeof value]) };
  }
  if (value instanceof Date) return { kind: 'leaf', types: new Set(['date']) };
  if (value instanceof Uint8Array) return { kind: 'leaf', types: new Set(['bytes']) };
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return { kind: 'leaf', types: new Set(['stream']) };
  const record = value as Record<string, unknown>;
  if (maps.some((m) => m.test(path))) {
    let inner: Shape | undefined;
    for (const v of Object.values(record)) inner = merge(inner, shapeOf(v, `${path}{}`, maps));
    return { kind: 'map', value: inner };
  }
  const fields = new Map<string, Shape>();
  for (const [key, v] of Object.entries(record)) {
    if (key === '$metadata') continue;
    const s = shapeOf(v, join(path, key), maps);
    if (s) fields.set(key, s);
  }
  return { kind: 'object', fields };
}

/** The union of two shapes (array elements, map values). */
export function merge(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map(a.fields);
    for (const [k, s] of b.fields) fields.set(k, merge(fields.get(k), s)!);
    return { kind: 'object', fields };
  }
  if (a.kind === 'array' && b.kind === 'array')
    return { kind: 'array', element: merge(a.element, b.element) };
  if (a.kind === 'map' && b.kind === 'map') return { kind: 'map', value: merge(a.value, b.value) };
  if (a.kind === 'leaf' && b.kind === 'leaf')
    return { kind: 'leaf', types: new Set([...a.types, ...b.types]) };
  return { kind: 'leaf', types: new Set([describe(a), describe(b)]) };
}

function diff(moto: Shape, sim: Shape, path: string, report: ShapeReport, ignore: readonly RegExp[]): void {
  if (path && ignore.some((r) => r.test(path))) return;
  if (moto.kind !== sim.kind) {
    report.mismatched.push({ path: path || '(root)', moto: describe(moto), sim: describe(sim) });
    return;
  }
  switch (moto.kind) {
    case 'leaf': {
      const simTypes = (sim as typeof moto).types;
      if ([...moto.types].some((t) => !simTypes.has(t))) {
        report.mismatched.push({ path: path || '(root)', moto: describe(moto), sim: describe(sim) });
      }
      return;
    }
    case 'object': {
      const simFields = (sim as typeof moto).fields;
      for (const [key, shape] of moto.fields) {
        const p = join(path, key);
        if (ignore.some((r) => r.test(p))) continue;
        const other = simFields.get(key);
        if (other) diff(shape, other, p, report, ignore);
        else if (isEmptyContainer(shape))
          report.unverified.push({ path: p, moto: describe(shape), sim: 'absent' });
        else report.missing.push({ path: p, moto: describe(shape), sim: 'absent' });
      }
      for (const [key, shape] of simFields) {
        const p = join(path, key);
        if (!moto.fields.has(key) && !ignore.some((r) => r.test(p)))
          report.extra.push({ path: p, moto: 'absent', sim: describe(shape) });
      }
      return;
    }
    case 'array':
      return pair(moto.element, (sim as typeof moto).element, `${path}[]`, report, ignore);
    case 'map':
      return pair(moto.value, (sim as typeof moto).value, `${path}{}`, report, ignore);
  }
}

function pair(
  moto: Shape | undefined,
  sim: Shape | undefined,
  path: string,
  report: ShapeReport,
  ignore: readonly RegExp[],
): void {
  if (moto && sim) diff(moto, sim, path, report, ignore);
  else if (moto || sim)
    report.unverified.push({
      path,
      moto: moto ? describe(moto) : 'empty',
      sim: sim ? describe(sim) : 'empty',
    });
}

/**
 * moto's templates emit empty lists where AWS often omits the element (and the SDK then leaves the
 * field undefined), so an empty list on moto's side proves nothing about the field: unverified.
 */
function isEmptyContainer(shape: Shape): boolean {
  return (shape.kind === 'array' && !shape.element) || (shape.kind === 'map' && !shape.value);
}

function describe(shape: Shape): string {
  if (shape.kind === 'leaf') return [...shape.types].sort().join('|');
  if (shape.kind === 'array' && !shape.element) return 'array(empty)';
  if (shape.kind === 'map' && !shape.value) return 'map(empty)';
  return shape.kind;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** `a.*.b` matches one segment for `*`, anything for `**`; `[]` and `{}` are literal. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^.\\[\\]{}]*';
    else out += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Human-readable lines for a report: failures first, then what only the simulator returns. */
export function formatReport(report: ShapeReport): string {
  const lines: string[] = [];
  for (const d of report.missing) lines.push(`missing in sim: ${d.path} (moto: ${d.moto})`);
  for (const d of report.mismatched) lines.push(`type differs: ${d.path} (moto: ${d.moto}, sim: ${d.sim})`);
  for (const d of report.unverified) lines.push(`unverified: ${d.path} (moto: ${d.moto}, sim: ${d.sim})`);
  for (const d of report.extra) lines.push(`sim only: ${d.path} (${d.sim})`);
  return lines.join('\n');
}
