import { GcpError } from '../errors.ts';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'param' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  col: number;
}

/** BigQuery's query error: 400 `invalidQuery` with the position, as `Syntax error: … at [1:8]`. */
export function queryError(message: string, at?: { line: number; col: number }): GcpError {
  const text = at ? `${message} at [${at.line}:${at.col}]` : message;
  return new GcpError(400, 'invalidQuery', text, 'INVALID_ARGUMENT', {
    location: 'q',
    locationType: 'parameter',
  });
}

const OPS = [
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  ',',
  '.',
  ';',
  '[',
  ']',
];

/** Splits GoogleSQL text into tokens (identifiers, `quoted` names, strings, numbers, @params, operators). */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (): { line: number; col: number } => ({ line, col: i - lineStart + 1 });
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (sql.startsWith('--', i) || c === '#') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw queryError('Syntax error: Unclosed comment', at());
      for (let j = i; j < end; j++) {
        if (sql[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      i = end + 2;
      continue;
    }
    const pos = at();
    if (c === '`') {
      const end = sql.indexOf('`', i + 1);
      if (end < 0) throw queryError('Syntax error: Unclosed identifier literal', pos);
      tokens.push({ kind: 'quoted', text: sql.slice(i + 1, end), ...pos });
      i = end + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < sql.length && sql[j] !== c) {
        if (sql[j] === '\\' && j + 1 < sql.length) {
          const n = sql[j + 1]!;
          text += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else text += sql[j++];
      }
      if (j >= sql.length) throw queryError('Syntax error: Unclosed string literal', pos);
      tokens.push({ kind: 'string', text, ...pos });
      i = j + 1;
      continue;
    }
    const num = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(sql.slice(i, i + 64));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], ...pos });
      i += num[0].length;
      continue;
    }
    if (c === '@') {
      const m = /^@@?[A-Za-z_][A-Za-z0-9_.]*/.exec(sql.slice(i, i + 200));
      if (!m) throw queryError('Syntax error: Unexpected "@"', pos);
      tokens.push({ kind: 'param', text: m[0].replace(/^@+/, ''), ...pos });
      i += m[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i, i + 300));
    if (word) {
      tokens.push({ kind: 'ident', text: word[0], ...pos });
      i += word[0].length;
      continue;
    }
    const op = OPS.find((o) => sql.startsWith(o, i));
    if (!op) throw queryError(`Syntax error: Illegal input character "${c}"`, pos);
    tokens.push({ kind: 'op', text: op, ...pos });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return tokens;
}
