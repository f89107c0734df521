/**
 * The subset of KQL that Resource Graph clients send for inventory:
 *
 *   Resources | where type in~ ('a','b') and location =~ 'eastus' | project id, name, tags
 *             | order by name asc | limit 100
 *
 * Tables Resources and ResourceContainers; operators where, project, extend (name = path),
 * order/sort by, limit/take, count, summarize count() [by col, …]; comparisons ==, !=, =~, !~,
 * in, in~, !in, !in~, contains, !contains, has, !has, startswith, endswith; and/or/not;
 * isempty / isnotempty / isnull / isnotnull / tolower / toupper / tostring; paths like
 * properties.hardwareProfile.vmSize and tags['env'].
 */

export type Path = (string | number)[];

export type Operand =
  | { kind: 'path'; path: Path }
  | { kind: 'call'; fn: string; arg: Operand }
  | { kind: 'literal'; value: unknown };

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'compare'; op: string; left: Operand; right: unknown[] | unknown }
  | { kind: 'truthy'; operand: Operand };

export type Stage =
  | { kind: 'where'; expr: Expr }
  | { kind: 'project'; columns: { name: string; operand: Operand }[] }
  | { kind: 'extend'; columns: { name: string; operand: Operand }[] }
  | { kind: 'order'; keys: { operand: Operand; desc: boolean }[] }
  | { kind: 'limit'; count: number }
  | { kind: 'count' }
  | { kind: 'summarize'; by: { name: string; operand: Operand }[] };

export interface KqlQuery {
  table: 'resources' | 'resourcecontainers';
  stages: Stage[];
}

/** A parse failure, reported the way Resource Graph does (line, position, offending token). */
export class KqlError extends RangeError {
  constructor(
    message: string,
    readonly position: number,
    readonly token: string,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}

interface Token {
  type: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'end';
  value: string;
  pos: number;
}

const OPERATORS = ['!in~', 'in~', '!in', '=~', '!~', '==', '!=', '<=', '>=', '<', '>', '='];
const WORD_OPERATORS = new Set([
  'in',
  'contains',
  '!contains',
  'has',
  '!has',
  'startswith',
  '!startswith',
  'endswith',
  '!endswith',
  'contains_cs',
  'has_cs',
]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"' || (c === '@' && (text[i + 1] === "'" || text[i + 1] === '"'))) {
      const verbatim = c === '@';
      if (verbatim) i++;
      const quote = text[i]!;
      i++;
      let value = '';
      while (i < text.length && text[i] !== quote) {
        if (!verbatim && text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length)
        throw new KqlError('Unterminated string literal', start, text.slice(start, start + 10));
      i++;
      tokens.push({ type: 'string', value, pos: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9.]/.test(text[i]!)) i++;
      tokens.push({ type: 'number', value: text.slice(start, i), pos: start });
      continue;
    }
    if (c === '!' && /[a-z]/i.test(text[i + 1] ?? '')) {
      i++;
      while (i < text.length && /[A-Za-z0-9_~]/.test(text[i]!)) i++;
      tokens.push({ type: 'op', value: text.slice(start, i).toLowerCase(), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      // project-away, in~ and friends
      if (text[i] === '~' && text.slice(start, i).toLowerCase() === 'in') i++;
      else if (
        text[i] === '-' &&
        /^[a-z]+$/i.test(text.slice(i + 1, i + 5)) &&
        text.slice(start, i).toLowerCase() === 'project'
      ) {
        i++;
        while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
      }
      tokens.push({ type: 'ident', value: text.slice(start, i), pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ type: 'op', value: op, pos: start });
      continue;
    }
    if ('|,()[].'.includes(c)) {
      i++;
      tokens.push({ type: 'punct', value: c, pos: start });
      continue;
    }
    throw new KqlError(`Unexpected character '${c}'`, start, c);
  }
  tokens.push({ type: 'end', value: '<EOF>', pos: text.length });
  return tokens;
}

export function parseKql(text: string): KqlQuery {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token => tokens[p]!;
  const next = (): Token => tokens[p++]!;
  const fail = (what: string): never => {
    const t = peek();
    throw new KqlError(`${what}, found '${t.value}'`, t.pos, t.value);
  };
  const isWord = (word: string): boolean => peek().type === 'ident' && peek().value.toLowerCase() === word;
  const expectWord = (word: string): void => {
    if (!isWord(word)) fail(`Expected '${word}'`);
    p++;
  };
  const expectPunct = (c: string): void => {
    if (peek().type !== 'punct' || peek().value !== c) fail(`Expected '${c}'`);
    p++;
  };
  const isPunct = (c: string): boolean => peek().type === 'punct' && peek().value === c;

  const path = (): Path => {
    const t = next();
    if (t.type !== 'ident') {
      p--;
      fail('Expected a column name');
    }
    const out: Path = [t.value];
    for (;;) {
      if (isPunct('.')) {
        p++;
        const seg = next();
        if (seg.type !== 'ident') {
          p--;
          fail('Expected a property name');
        }
        out.push(seg.value);
      } else if (isPunct('[')) {
        p++;
        const key = next();
        if (key.type === 'string') out.push(key.value);
        else if (key.type === 'number') out.push(Number(key.value));
        else {
          p--;
          fail('Expected an index');
        }
        expectPunct(']');
      } else return out;
    }
  };

  const FUNCTIONS = new Set([
    'isempty',
    'isnotempty',
    'isnull',
    'isnotnull',
    'tolower',
    'toupper',
    'tostring',
    'strlen',
  ]);
  const operand = (): Operand => {
    const t = peek();
    if (t.type === 'string') {
      p++;
      return { kind: 'literal', value: t.value };
    }
    if (t.type === 'number') {
      p++;
      return { kind: 'literal', value: Number(t.value) };
    }
    if (t.type === 'ident' && tokens[p + 1]?.value === '(' && tokens[p + 1]?.type === 'punct') {
      const fn = t.value.toLowerCase();
      if (!FUNCTIONS.has(fn)) fail(`Unknown function`);
      p += 2;
      const arg = operand();
      expectPunct(')');
      return { kind: 'call', fn, arg };
    }
    if (t.type === 'ident' && (t.value === 'true' || t.value === 'false')) {
      p++;
      return { kind: 'literal', value: t.value === 'true' };
    }
    return { kind: 'path', path: path() };
  };

  const literal = (): unknown => {
    const t = next();
    if (t.type === 'string') return t.value;
    if (t.type === 'number') return Number(t.value);
    if (t.type === 'ident' && (t.value === 'true' || t.value === 'false')) return t.value === 'true';
    p--;
    return fail('Expected a literal');
  };

  const comparison = (): Expr => {
    const left = operand();
    const t = peek();
    const op =
      t.type === 'op'
        ? t.value
        : t.type === 'ident' && WORD_OPERATORS.has(t.value.toLowerCase())
          ? t.value.toLowerCase()
          : t.type === 'ident' && t.value.toLowerCase() === 'in~'
            ? 'in~'
            : undefined;
    if (!op) {
      if (left.kind === 'call') return { kind: 'truthy', operand: left };
      return fail('Expected a comparison operator');
    }
    p++;
    if (op === 'in' || op === 'in~' || op === '!in' || op === '!in~') {
      expectPunct('(');
      const values: unknown[] = [literal()];
      while (isPunct(',')) {
        p++;
        values.push(literal());
      }
      expectPunct(')');
      return { kind: 'compare', op, left, right: values };
    }
    return { kind: 'compare', op, left, right: literal() };
  };

  const primary = (): Expr => {
    if (isWord('not') && tokens[p + 1]?.value === '(') {
      p++;
      expectPunct('(');
      const inner = expr();
      expectPunct(')');
      return { kind: 'not', expr: inner };
    }
    if (isPunct('(')) {
      p++;
      const inner = expr();
      expectPunct(')');
      return inner;
    }
    return comparison();
  };
  const and = (): Expr => {
    let left = primary();
    while (isWord('and')) {
      p++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const expr = (): Expr => {
    let left = and();
    while (isWord('or')) {
      p++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const namedColumns = (): { name: string; operand: Operand }[] => {
    const columns: { name: string; operand: Operand }[] = [];
    do {
      if (columns.length > 0) p++;
      if (peek().type === 'ident' && tokens[p + 1]?.type === 'op' && tokens[p + 1]?.value === '=') {
        const name = next().value;
        p++;
        columns.push({ name, operand: operand() });
      } else {
        const o = operand();
        const name = o.kind === 'path' ? String(o.path.at(-1)) : `Column${columns.length + 1}`;
        columns.push({ name, operand: o });
      }
    } while (isPunct(','));
    return columns;
  };

  const tableToken = next();
  const table = tableToken.value.toLowerCase();
  if (tableToken.type !== 'ident' || (table !== 'resources' && table !== 'resourcecontainers')) {
    throw new KqlError(`Table '${tableToken.value}' could not be found`, tableToken.pos, tableToken.value);
  }
  const stages: Stage[] = [];
  while (peek().type !== 'end') {
    expectPunct('|');
    const op = next();
    const word = op.type === 'ident' ? op.value.toLowerCase() : '';
    switch (word) {
      case 'where':
        stages.push({ kind: 'where', expr: expr() });
        break;
      case 'project':
        stages.push({ kind: 'project', columns: namedColumns() });
        break;
      case 'extend':
        stages.push({ kind: 'extend', columns: namedColumns() });
        break;
      case 'order':
      case 'sort': {
        expectWord('by');
        const keys: { operand: Operand; desc: boolean }[] = [];
        do {
          if (keys.length > 0) p++;
          const o = operand();
          let desc = true;
          if (isWord('asc') || isWord('desc')) desc = next().value.toLowerCase() === 'desc';
          keys.push({ operand: o, desc });
        } while (isPunct(','));
        stages.push({ kind: 'order', keys });
        break;
      }
      case 'limit':
      case 'take': {
        const n = next();
        if (n.type !== 'number') {
          p--;
          fail('Expected a number');
        }
        stages.push({ kind: 'limit', count: Math.floor(Number(n.value)) });
        break;
      }
      case 'count':
        stages.push({ kind: 'count' });
        break;
      case 'summarize': {
        if (!isWord('count')) fail("Only 'summarize count()' is supported");
        p++;
        expectPunct('(');
        expectPunct(')');
        let by: { name: string; operand: Operand }[] = [];
        if (isWord('by')) {
          p++;
          by = namedColumns();
        }
        stages.push({ kind: 'summarize', by });
        break;
      }
      default:
        p--;
        fail('Expected a query operator');
    }
  }
  return { table, stages };
}
