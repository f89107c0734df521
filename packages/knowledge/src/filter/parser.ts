import { filterError } from './filter-error.ts';
import { FLAG_FIELDS, TAG_FIELDS, resolveField } from './fields.ts';
import type { CompareOp, FilterExpr } from './filter.types.ts';
import { MATCH_ALL } from './filter.types.ts';
import { resolveFlagValue, resolveValue } from './resolve-value.ts';
import { tokenize, type Token } from './tokenizer.ts';

const STARTS_UNARY = new Set(['word', 'string', 'lparen', 'not']);

/**
 * Parses the filter language into a resolved AST.
 *
 * Grammar (precedence: NOT binds tighter than AND, AND tighter than OR; juxtaposition is AND):
 * ```
 * expr    := and (OR and)*
 * and     := unary ((AND)? unary)*
 * unary   := (NOT | '-' | '!') unary | primary
 * primary := '(' expr ')' | term
 * term    := field op value | tag ':' key (op value)? | is ':' flag | word | "quoted text"
 * op      := = | == | : | != | ~ | > | >= | < | <=
 * ```
 * Values go through the ontology: `env=production` is `env=prod`, `region:frankfurt` is the three
 * Frankfurt regions, `type:database` every `database.*` type. An empty filter matches everything.
 * A syntax error is a UserError (`invalid-filter`) naming the 1-based column and what was expected.
 *
 * @example parseFilter('env=prod AND (cloud:aws OR cloud:gcp) NOT tag:owner cost>100')
 */
export function parseFilter(input: string): FilterExpr {
  return new Parser(tokenize(input)).parse();
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FilterExpr {
    if (this.peek().kind === 'eof') return MATCH_ALL;
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const token = this.tokens[this.at]!;
    if (token.kind !== 'eof') this.at += 1;
    return token;
  }

  private parseOr(): FilterExpr {
    const children = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      const or = this.next();
      this.requireUnary(`after ${or.text.toUpperCase()}`);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(): FilterExpr {
    const children = [this.parseUnary()];
    while (true) {
      const token = this.peek();
      if (token.kind === 'and') {
        this.next();
        this.requireUnary(`after ${token.text.toUpperCase()}`);
      } else if (!STARTS_UNARY.has(token.kind)) {
        break;
      }
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(): FilterExpr {
    const token = this.peek();
    if (token.kind === 'not') {
      this.next();
      this.requireUnary(`after ${token.text === '-' || token.text === '!' ? `'${token.text}'` : 'NOT'}`);
      return { kind: 'not', child: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterExpr {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.next();
      this.requireUnary("after '('");
      const expr = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'rparen') {
        throw filterError("Expected ')'", close.column, {
          suffix: `to close the '(' at column ${token.column}`,
          ...(close.kind === 'eof' ? {} : { found: describe(close) }),
        });
      }
      this.next();
      return expr;
    }
    if (token.kind === 'word' || token.kind === 'string') return this.parseTerm();
    throw this.unexpected(token);
  }

  /** Fails unless the next token can start a filter: `what` says after what one was expected. */
  private requireUnary(what: string): void {
    const token = this.peek();
    if (STARTS_UNARY.has(token.kind)) return;
    throw filterError(`Expected a filter ${what}`, token.column, found(token));
  }

  private parseTerm(): FilterExpr {
    const first = this.next();
    const op = this.peek().kind === 'op' ? this.next() : undefined;
    if (!op) return { kind: 'text', text: first.text, column: first.column };
    const name = first.text.toLowerCase();

    if (first.kind === 'word' && TAG_FIELDS.has(name)) return this.parseTag(first, op);
    if (first.kind === 'word' && FLAG_FIELDS.has(name)) {
      const value = this.value(op);
      if (op.text !== '=' && op.text !== '!=') {
        throw filterError(`Expected ':' after '${first.text}'`, op.column, { found: `'${op.text}'` });
      }
      const flag: FilterExpr = {
        kind: 'flag',
        flag: resolveFlagValue(value.text, value.column),
        column: first.column,
      };
      return op.text === '!=' ? { kind: 'not', child: flag } : flag;
    }
    const field = resolveField(first.text);
    const value = this.value(op);
    const compare = op.text as CompareOp;
    if (field.kind !== 'core' && (compare === '=' || compare === '!=') && value.text === '*') {
      const exists: FilterExpr = { kind: 'exists', field, column: first.column };
      return compare === '!=' ? { kind: 'not', child: exists } : exists;
    }
    const resolved = resolveValue(field, compare, value.text, value.column);
    return { kind: 'compare', field, op: compare, value: value.text, ...resolved, column: first.column };
  }

  /** `tag:KEY`, `tag:KEY=VALUE`, `tag:KEY!=VALUE`, and the looser `tag=KEY`. */
  private parseTag(first: Token, op: Token): FilterExpr {
    const key = this.peek();
    if (op.text === ':' && (key.kind === 'word' || key.kind === 'string') && key.role === 'key') {
      this.next();
      const field = { kind: 'tag' as const, key: key.text };
      if (this.peek().kind !== 'op') return { kind: 'exists', field, column: first.column };
      const tagOp = this.next();
      const value = this.value(tagOp);
      const compare = tagOp.text as CompareOp;
      if ((compare === '=' || compare === '!=') && value.text === '*') {
        const exists: FilterExpr = { kind: 'exists', field, column: first.column };
        return compare === '!=' ? { kind: 'not', child: exists } : exists;
      }
      const resolved = resolveValue(field, compare, value.text, value.column);
      return { kind: 'compare', field, op: compare, value: value.text, ...resolved, column: first.column };
    }
    if (op.text === ':') throw filterError(`Expected a tag key after '${first.text}:'`, key.column);
    const value = this.value(op);
    if (op.text !== '=')
      throw filterError(`Expected ':' after '${first.text}'`, op.column, { found: `'${op.text}'` });
    return { kind: 'exists', field: { kind: 'tag', key: value.text }, column: first.column };
  }

  /** The value token after an operator, or an error naming the operator. */
  private value(op: Token): Token {
    const token = this.peek();
    if ((token.kind === 'word' || token.kind === 'string') && token.role === 'value') return this.next();
    throw filterError(`Expected a value after '${op.text}'`, token.column, found(token));
  }

  private unexpected(token: Token): Error {
    if (token.kind === 'rparen') {
      return filterError("Unexpected ')'", token.column, { hint: "Remove it, or add the '(' it closes." });
    }
    if (token.kind === 'op') return filterError(`Expected a field name before '${token.text}'`, token.column);
    if (token.kind === 'eof') return filterError('Expected a filter', token.column);
    return filterError('Expected a filter', token.column, found(token));
  }
}

function found(token: Token): { found?: string } {
  return token.kind === 'eof' ? {} : { found: describe(token) };
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'and':
    case 'or':
    case 'not':
      return token.text.toUpperCase();
    case 'string':
      return `"${token.text}"`;
    default:
      return `'${token.text}'`;
  }
}
