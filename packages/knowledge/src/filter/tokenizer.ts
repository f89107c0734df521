import { filterError } from './filter-error.ts';

export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof';

/**
 * Where a word or string stands: a `field` (or bare text), a tag `key` after `tag:`, or the
 * `value` after an operator. The tokenizer knows from context, so values keep characters that
 * are operators elsewhere (`id=arn:aws:…`, `tag:team=pay=ments`).
 */
export type TokenRole = 'field' | 'key' | 'value';

export interface Token {
  kind: TokenKind;
  /** Unquoted text; for `op` the canonical operator (`==` → `=`). */
  text: string;
  /** 1-based column of the first character. */
  column: number;
  role?: TokenRole;
  /** Whether whitespace preceded the token. */
  spaced: boolean;
}

const OP_CHARS = new Set(['=', '!', ':', '>', '<', '~']);
const OPERATORS = ['==', '!=', '>=', '<=', '=', ':', '>', '<', '~'] as const;
const CANONICAL: Readonly<Record<string, string>> = { '==': '=', ':': '=' };
const KEYWORDS: Readonly<Record<string, TokenKind>> = { and: 'and', or: 'or', not: 'not' };
const TAG_FIELDS = new Set(['tag', 'tags', 'label', 'labels']);

type Mode = 'field' | 'afterField' | 'key' | 'afterKey' | 'value';

/**
 * Splits a filter into tokens. Operators may be surrounded by spaces (`cost > 100`); `AND`, `OR`,
 * `NOT` are keywords in any case; `-term` and `!term` mean `NOT term`; `&&`/`||` are accepted for
 * AND/OR. Quoted strings use `"` or `'` with backslash escapes. `:` is kept as its own token so
 * that `tag:team=x` reads as tag, key, `=`, value.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let mode: Mode = 'field';
  const push = (kind: TokenKind, text: string, start: number, spaced: boolean, role?: TokenRole): void => {
    tokens.push({ kind, text, column: start + 1, spaced, ...(role ? { role } : {}) });
  };

  while (true) {
    const before = i;
    while (i < input.length && /\s/.test(input[i]!)) i += 1;
    const spaced = i > before || i === 0;
    if (i >= input.length) break;
    const ch = input[i]!;
    const start = i;

    if (mode === 'afterField' || mode === 'afterKey') {
      const op = readOperator(input, i);
      if (op) {
        i += op.length;
        // `tag:` introduces a key, any other operator a value.
        const isTagColon: boolean = mode === 'afterField' && op === ':' && isTagField(tokens) && !spaced;
        push('op', isTagColon ? ':' : (CANONICAL[op] ?? op), start, spaced);
        mode = isTagColon ? 'key' : 'value';
        continue;
      }
      mode = 'field';
    }

    if (mode === 'value' || mode === 'key') {
      const role: TokenRole = mode;
      if (ch === '(' || ch === ')') {
        mode = 'field';
      } else if (ch === '"' || ch === "'") {
        i = readString(input, i, (text) => push('string', text, start, spaced, role));
        mode = role === 'key' ? 'afterKey' : 'field';
        continue;
      } else {
        const end = scan(input, i, role === 'key' ? isKeyChar : isValueChar);
        const text = input.slice(i, end);
        // After a space, a keyword ends the term: `env= AND x` is a missing value, not env="AND".
        if (!(spaced && KEYWORDS[text.toLowerCase()])) {
          i = end;
          push('word', text, start, spaced, role);
          mode = role === 'key' ? 'afterKey' : 'field';
          continue;
        }
        mode = 'field';
      }
    }

    if (ch === '(') {
      push('lparen', '(', start, spaced);
      i += 1;
    } else if (ch === ')') {
      push('rparen', ')', start, spaced);
      i += 1;
    } else if (ch === '"' || ch === "'") {
      i = readString(input, i, (text) => push('string', text, start, spaced, 'field'));
      mode = 'afterField';
    } else if (input.startsWith('&&', i) || input.startsWith('||', i)) {
      push(ch === '&' ? 'and' : 'or', input.slice(i, i + 2), start, spaced);
      i += 2;
    } else if ((ch === '-' || ch === '!') && i + 1 < input.length && /[\w"'(]/.test(input[i + 1]!)) {
      push('not', ch, start, spaced);
      i += 1;
    } else if (OP_CHARS.has(ch)) {
      const op = readOperator(input, i) ?? ch;
      push('op', CANONICAL[op] ?? op, start, spaced);
      i += op.length;
      mode = 'value';
    } else {
      const end = scan(input, i, isFieldChar);
      const text = input.slice(i, end);
      i = end;
      const keyword = KEYWORDS[text.toLowerCase()];
      if (keyword && !OP_CHARS.has(input[i] ?? '')) {
        push(keyword, text, start, spaced);
      } else {
        push('word', text, start, spaced, 'field');
        mode = 'afterField';
      }
    }
  }
  tokens.push({ kind: 'eof', text: '', column: input.length + 1, spaced: true });
  return tokens;
}

function isTagField(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last?.kind === 'word' && TAG_FIELDS.has(last.text.toLowerCase());
}

function readOperator(input: string, at: number): string | undefined {
  return OPERATORS.find((op) => input.startsWith(op, at));
}

function scan(input: string, from: number, accept: (ch: string) => boolean): number {
  let end = from;
  while (end < input.length && accept(input[end]!)) end += 1;
  return end;
}

function isFieldChar(ch: string): boolean {
  return !/\s/.test(ch) && ch !== '(' && ch !== ')' && ch !== '"' && ch !== "'" && !OP_CHARS.has(ch);
}

function isKeyChar(ch: string): boolean {
  return isFieldChar(ch);
}

function isValueChar(ch: string): boolean {
  return !/\s/.test(ch) && ch !== '(' && ch !== ')';
}

/** Reads a quoted string starting at `at`; returns the index after the closing quote. */
function readString(input: string, at: number, emit: (text: string) => void): number {
  const quote = input[at]!;
  let text = '';
  let i = at + 1;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) {
      text += input[i + 1];
      i += 2;
    } else if (ch === quote) {
      emit(text);
      return i + 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  throw filterError(`Expected a closing ${quote} for the quoted value that starts`, at + 1, {
    hint: `Close the quoted value with ${quote}, or escape a quote inside it with a backslash.`,
  });
}
