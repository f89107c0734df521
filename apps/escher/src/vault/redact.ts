/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Literal secrets shorter than this are not redacted as literals: a 4-character "secret" such as
 * the demo's `demo` would blank ordinary words everywhere. Real cloud secrets are 20+ characters.
 */
export const MIN_LITERAL_SECRET_LENGTH = 8;

/**
 * Shapes of secrets that are recognisable without knowing them (from the patterns secret
 * scanners such as gitleaks use). Each replaces the secret part only, so the text around it
 * stays readable. Order matters: whole PEM blocks first, then tokens, then `key=value` forms.
 */
export const SECRET_PATTERNS: readonly { name: string; pattern: RegExp; replace: string }[] = [
  {
    name: 'private key (PEM)',
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g,
    replace: `-----BEGIN $1PRIVATE KEY$2-----${REDACTED}-----END $3PRIVATE KEY$4-----`,
  },
  {
    name: 'authorization header',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi,
    replace: `$1 ${REDACTED}`,
  },
  {
    name: 'JSON web token',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g,
    replace: REDACTED,
  },
  { name: 'Google OAuth access token', pattern: /\bya29\.[0-9A-Za-z_-]{10,}/g, replace: REDACTED },
  {
    name: 'AWS session token',
    pattern: /(?<![A-Za-z0-9/+=])(?:FQoG|FwoG|IQoJ|IQoD)[A-Za-z0-9/+=]{80,}/g,
    replace: REDACTED,
  },
  {
    // 40 base64 characters with mixed case and a digit or / or +: an AWS secret access key,
    // but not a hex digest (git SHA-1) or a word.
    name: 'AWS secret access key',
    pattern:
      /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[a-z])(?=[A-Za-z0-9/+=]{0,39}[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: REDACTED,
  },
  {
    name: 'Azure client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    replace: REDACTED,
  },
  {
    name: 'provider token',
    pattern:
      /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abpors]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,})/g,
    replace: REDACTED,
  },
  {
    // key=value, key: value and "key": "value" where the key names a secret.
    name: 'secret assignment',
    pattern:
      /((?:["']?)[\w.-]*(?:password|passwd|secret|token|api[_-]?key|private[_-]?key|secret[_-]?access[_-]?key)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"',;}]{4,}/gi,
    replace: `$1${REDACTED}`,
  },
  {
    name: 'URL credentials',
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi,
    replace: `$1${REDACTED}@`,
  },
];

/** Object keys whose values are secrets whatever they look like (`clientSecret`, `sessionToken`, not `tokenCount`). */
const SECRET_KEY = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|secret[_-]?access[_-]?key)$/i;

/**
 * Removes secrets from text and values before they reach logs, execution output, errors or
 * the audit ledger: every known secret literally (and JSON-escaped), then the recognisable
 * shapes of SECRET_PATTERNS.
 */
export interface Redactor {
  redact(text: string): string;
  /** A copy of a JSON-like value with every string redacted and secret-named keys blanked. */
  redactValue<T>(value: T): T;
}

/**
 * A redactor that knows these secrets (the vault's, for instance) besides the patterns.
 *
 * @example
 * const redactor = createRedactor(['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
 * redactor.redact('aws_secret_access_key=wJalr…') // 'aws_secret_access_key=[REDACTED]'
 */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const literals = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_LITERAL_SECRET_LENGTH) continue;
    literals.add(secret);
    literals.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length);
  const redact = (text: string): string => {
    let out = text;
    for (const literal of ordered) {
      if (out.includes(literal)) out = out.split(literal).join(REDACTED);
    }
    for (const { pattern, replace } of SECRET_PATTERNS) out = out.replace(pattern, replace);
    return out;
  };
  const redactValue = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map(redactValue);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        out[redact(key)] =
          SECRET_KEY.test(key) && (typeof inner === 'string' || typeof inner === 'number') && inner !== ''
            ? REDACTED
            : redactValue(inner);
      }
      return out;
    }
    return value;
  };
  return { redact, redactValue: <T>(value: T) => redactValue(value) as T };
}

/**
 * Redacts `text` with the patterns and, when given, known secrets. Prefer `Vault.redactSecrets`,
 * which knows every secret in the vault.
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  return createRedactor(secrets).redact(text);
}
