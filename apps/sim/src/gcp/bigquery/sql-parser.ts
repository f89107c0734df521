import { queryError, tokenize, type Token } from './sql-lexer.ts';

export interface Pos {
  line: number;
  col: number;
}

export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'typed'; type: 'DATE' | 'TIMESTAMP'; text: string; pos: Pos }
  | { k: 'col'; path: string[]; pos: Pos }
  | { k: 'param'; name: string; pos: Pos }
  | { k: 'call'; name: string; args: Expr[]; star: boolean; distinct: boolean; pos: Pos }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'isnull'; e: Expr; not: boolean }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean }
  | { k: 'in'; e: Expr; list: Expr[]; unnest?: Expr | undefined; not: boolean }
  | { k: 'like'; e: Expr; pattern: Expr; not: boolean }
  | { k: 'cast'; e: Expr; type: string; safe: boolean }
  | { k: 'extract'; part: string; e: Expr }
  | { k: 'interval'; e: Expr; unit: string }
  | {
      k: 'case';
      subject?: Expr | undefined;
      whens: { when: Expr; then: Expr }[];
      otherwise?: Expr | undefined;
    }
  /** A scalar subquery: only `(SELECT SUM(c.amount) FROM UNNEST(credits) c)` is meaningful here. */
  | { k: 'subquery' };

export interface SelectItem {
  expr: Expr;
  alias?: string | undefined;
  star: boolean;
}

export interface Query {
  distinct: boolean;
  select: SelectItem[];
  from: { parts: string[]; alias?: string | undefined; pos: Pos };
  where?: Expr | undefined;
  groupBy: Expr[];
  having?: Expr | undefined;
  orderBy: { expr: Expr; desc: boolean }[];
  limit?: number | undefined;
  offset?: number | undefined;
}

const RESERVED = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'AS',
  'AND',
  'OR',
  'NOT',
  'ASC',
  'DESC',
  'ON',
  'JOIN',
  'UNION',
  'WITH',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'IS',
  'IN',
  'BETWEEN',
  'LIKE',
  'CROSS',
  'LEFT',
  'INNER',
]);

/** A recursive-descent parser for the single-table GoogleSQL SELECTs billing reports use. */
class Parser {
  private i = 0;
  constructor(private readonly t: Token[]) {}

  private peek(offset = 0): Token {
    return this.t[Math.min(this.i + offset, this.t.length - 1)]!;
  }
  private isWord(word: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.kind === 'ident' && tok.text.toUpperCase() === word;
  }
  private isOp(op: string): boolean {
    const tok = this.peek();
    return tok.kind === 'op' && tok.text === op;
  }
  private unexpected(): never {
    const tok = this.peek();
    const what =
      tok.kind === 'eof'
        ? 'end of input'
        : tok.kind === 'ident'
          ? RESERVED.has(tok.text.toUpperCase())
            ? `keyword ${tok.text.toUpperCase()}`
            : `identifier "${tok.text}"`
          : tok.kind === 'string'
            ? `string literal "${tok.text}"`
            : `"${tok.text}"`;
    throw queryError(`Syntax error: Unexpected ${what}`, tok);
  }
  private word(word: string): void {
    if (!this.isWord(word)) this.unexpected();
    this.i++;
  }
  private op(op: string): void {
    if (!this.isOp(op)) this.unexpected();
    this.i++;
  }
  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  query(): Query {
    this.word('SELECT');
    const distinct = this.acceptWord('DISTINCT');
    this.acceptWord('ALL');
    const select = [this.selectItem()];
    while (this.isOp(',')) {
      this.i++;
      select.push(this.selectItem());
    }
    if (!this.isWord('FROM')) this.unexpected();
    const fromPos = this.peek();
    this.i++;
    const parts = this.tableName();
    let alias: string | undefined;
    if (
      this.acceptWord('AS') ||
      (this.peek().kind === 'ident' && !RESERVED.has(this.peek().text.toUpperCase()))
    )
      alias = this.name();
    const q: Query = { distinct, select, from: { parts, alias, pos: fromPos }, groupBy: [], orderBy: [] };
    if (this.acceptWord('WHERE')) q.where = this.expr();
    if (this.acceptWord('GROUP')) {
      this.word('BY');
      q.groupBy = this.list(() => this.expr());
    }
    if (this.acceptWord('HAVING')) q.having = this.expr();
    if (this.acceptWord('ORDER')) {
      this.word('BY');
      q.orderBy = this.list(() => {
        const expr = this.expr();
        const desc = this.acceptWord('DESC');
        if (!desc) this.acceptWord('ASC');
        if (this.acceptWord('NULLS') && !this.acceptWord('FIRST')) this.acceptWord('LAST');
        return { expr, desc };
      });
    }
    if (this.acceptWord('LIMIT')) {
      q.limit = this.integer();
      if (this.acceptWord('OFFSET')) q.offset = this.integer();
    }
    if (this.isOp(';')) this.i++;
    if (this.peek().kind !== 'eof') this.unexpected();
    return q;
  }

  private integer(): number {
    const tok = this.peek();
    if (tok.kind !== 'number' || !/^\d+$/.test(tok.text)) this.unexpected();
    this.i++;
    return Number(tok.text);
  }

  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.i++;
      out.push(item());
    }
    return out;
  }

  private name(): string {
    const tok = this.peek();
    if (tok.kind === 'quoted' || (tok.kind === 'ident' && !RESERVED.has(tok.text.toUpperCase()))) {
      this.i++;
      return tok.text;
    }
    return this.unexpected();
  }

  /** `project.dataset.table`, backticked whole or in parts, or `dataset.table`. */
  private tableName(): string[] {
    const parts: string[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== 'quoted' && tok.kind !== 'ident') this.unexpected();
      this.i++;
      let text = tok.text;
      // Project ids carry dashes: `acme-x-1.ds.t` unquoted lexes as acme - x - 1…; glue them back.
      while (
        tok.kind === 'ident' &&
        this.isOp('-') &&
        (this.peek(1).kind === 'ident' || this.peek(1).kind === 'number')
      ) {
        text += `-${this.peek(1).text}`;
        this.i += 2;
      }
      parts.push(...text.split('.'));
      if (!this.isOp('.')) return parts;
      this.i++;
    }
  }

  private selectItem(): SelectItem {
    if (this.isOp('*')) {
      this.i++;
      return { expr: { k: 'lit', v: null }, star: true };
    }
    const expr = this.expr();
    let alias: string | undefined;
    if (this.acceptWord('AS')) alias = this.name();
    else if (
      (this.peek().kind === 'ident' && !RESERVED.has(this.peek().text.toUpperCase())) ||
      this.peek().kind === 'quoted'
    )
      alias = this.name();
    return { expr, alias, star: false };
  }

  expr(): Expr {
    let left = this.andExpr();
    while (this.acceptWord('OR')) left = { k: 'bin', op: 'OR', l: left, r: this.andExpr() };
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.acceptWord('AND')) left = { k: 'bin', op: 'AND', l: left, r: this.notExpr() };
    return left;
  }

  private notExpr(): Expr {
    if (this.acceptWord('NOT')) return { k: 'not', e: this.notExpr() };
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const tok = this.peek();
    if (tok.kind === 'op' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(tok.text)) {
      this.i++;
      return { k: 'bin', op: tok.text === '<>' ? '!=' : tok.text, l: left, r: this.additive() };
    }
    if (this.acceptWord('IS')) {
      const not = this.acceptWord('NOT');
      this.word('NULL');
      return { k: 'isnull', e: left, not };
    }
    const not =
      this.isWord('NOT') && (this.isWord('BETWEEN', 1) || this.isWord('IN', 1) || this.isWord('LIKE', 1));
    if (not) this.i++;
    if (this.acceptWord('BETWEEN')) {
      const lo = this.additive();
      this.word('AND');
      return { k: 'between', e: left, lo, hi: this.additive(), not };
    }
    if (this.acceptWord('IN')) {
      if (this.acceptWord('UNNEST')) {
        this.op('(');
        const unnest = this.expr();
        this.op(')');
        return { k: 'in', e: left, list: [], unnest, not };
      }
      this.op('(');
      const list = this.list(() => this.expr());
      this.op(')');
      return { k: 'in', e: left, list, not };
    }
    if (this.acceptWord('LIKE')) return { k: 'like', e: left, pattern: this.additive(), not };
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-') || this.isOp('||')) {
      const op = this.peek().text;
      this.i++;
      left = { k: 'bin', op, l: left, r: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.peek().text;
      this.i++;
      left = { k: 'bin', op, l: left, r: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const tok = this.peek();
    if (tok.kind === 'number') {
      this.i++;
      return { k: 'lit', v: Number(tok.text) };
    }
    if (tok.kind === 'string') {
      this.i++;
      return { k: 'lit', v: tok.text };
    }
    if (tok.kind === 'param') {
      this.i++;
      return { k: 'param', name: tok.text, pos: tok };
    }
    if (this.isOp('(')) {
      this.i++;
      if (this.isWord('SELECT')) return this.skipSubquery();
      const inner = this.expr();
      this.op(')');
      return inner;
    }
    if (tok.kind === 'quoted') return this.column();
    if (tok.kind !== 'ident') return this.unexpected();
    const upper = tok.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') {
      this.i++;
      return { k: 'lit', v: upper === 'TRUE' };
    }
    if (upper === 'NULL') {
      this.i++;
      return { k: 'lit', v: null };
    }
    if ((upper === 'DATE' || upper === 'TIMESTAMP') && this.peek(1).kind === 'string') {
      this.i += 2;
      return { k: 'typed', type: upper, text: this.peek(-1).text, pos: tok };
    }
    if (upper === 'INTERVAL') {
      this.i++;
      const e = this.additive();
      const unit = this.peek();
      if (unit.kind !== 'ident') this.unexpected();
      this.i++;
      return { k: 'interval', e, unit: unit.text.toUpperCase() };
    }
    if (upper === 'CASE') return this.caseExpr();
    if ((upper === 'CAST' || upper === 'SAFE_CAST') && this.peek(1).text === '(') {
      this.i += 2;
      const e = this.expr();
      this.word('AS');
      const type = this.peek();
      if (type.kind !== 'ident') this.unexpected();
      this.i++;
      this.op(')');
      return { k: 'cast', e, type: type.text.toUpperCase(), safe: upper === 'SAFE_CAST' };
    }
    if (upper === 'EXTRACT' && this.peek(1).text === '(') {
      this.i += 2;
      const part = this.peek();
      if (part.kind !== 'ident') this.unexpected();
      this.i++;
      this.word('FROM');
      const e = this.expr();
      this.op(')');
      return { k: 'extract', part: part.text.toUpperCase(), e };
    }
    if (RESERVED.has(upper)) this.unexpected();
    if (this.peek(1).kind === 'op' && this.peek(1).text === '(') return this.call();
    if (upper === 'CURRENT_DATE' || upper === 'CURRENT_TIMESTAMP') {
      this.i++;
      return { k: 'call', name: upper, args: [], star: false, distinct: false, pos: tok };
    }
    return this.column();
  }

  private column(): Expr {
    const first = this.peek();
    const path = [...this.name().split('.')];
    while (this.isOp('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'quoted')) {
      this.i++;
      path.push(...this.name().split('.'));
    }
    return { k: 'col', path, pos: first };
  }

  private call(): Expr {
    const tok = this.peek();
    this.i += 2;
    const name = tok.text.toUpperCase();
    if (this.isOp('*')) {
      this.i++;
      this.op(')');
      return { k: 'call', name, args: [], star: true, distinct: false, pos: tok };
    }
    const distinct = this.acceptWord('DISTINCT');
    const args = this.isOp(')') ? [] : this.list(() => this.expr());
    this.op(')');
    return { k: 'call', name, args, star: false, distinct, pos: tok };
  }

  private caseExpr(): Expr {
    this.i++;
    const subject = this.isWord('WHEN') ? undefined : this.expr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.acceptWord('WHEN')) {
      const when = this.expr();
      this.word('THEN');
      whens.push({ when, then: this.expr() });
    }
    if (whens.length === 0) this.unexpected();
    const otherwise = this.acceptWord('ELSE') ? this.expr() : undefined;
    this.word('END');
    return { k: 'case', subject, whens, otherwise };
  }

  /** Skips a parenthesised SELECT (after its opening parenthesis) up to the matching `)`. */
  private skipSubquery(): Expr {
    let depth = 1;
    while (depth > 0) {
      const tok = this.peek();
      if (tok.kind === 'eof') this.unexpected();
      if (tok.kind === 'op' && tok.text === '(') depth++;
      if (tok.kind === 'op' && tok.text === ')') depth--;
      this.i++;
    }
    return { k: 'subquery' };
  }
}

/** Parses one SELECT statement; anything else is BigQuery's `Syntax error: … at [l:c]`. */
export function parseQuery(sql: string): Query {
  return new Parser(tokenize(sql)).query();
}
