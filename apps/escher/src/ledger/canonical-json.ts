import { UnexpectedError } from '@escher/protocol';

/**
 * The one serialisation the ledger hashes and signs: JSON with object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers exactly as `JSON.stringify` writes them, and
 * properties whose value is `undefined` left out. For the values the ledger holds (no floats
 * outside JSON's range) this is RFC 8785's JSON Canonicalization Scheme, so any JCS library in
 * any language reproduces a ledger hash byte for byte.
 *
 * Non-finite numbers, functions, symbols and bigints are refused rather than silently changed,
 * because a value that does not survive `JSON.parse` would make the stored entry unverifiable.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }) // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new UnexpectedError('canonical-json-number', `Cannot hash the number ${value}.`);
      }
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
    }
    default:
      throw new UnexpectedError('canonical-json-type', `Cannot hash a value of type ${typeof value}.`);
  }
}
