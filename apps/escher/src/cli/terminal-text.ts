/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts colour,
 * cursor and title sequences; CR and LF forge lines), DEL, and the bidi overrides and isolates
 * that make text read in another order than it is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes untrusted text (resource names, tags and error messages come from the cloud, where anyone
 * with write access chose them) safe to print as part of one terminal line: every character a
 * terminal would act on is shown as an escape (`\n`, `\x1b`, `\u202e`) instead, so a name can
 * neither recolour nor clear the screen nor forge table rows. JSON output needs none of this.
 *
 * @example
 * terminalSafe('web\u001b[2J\nFAKE') // 'web\\x1b[2J\\nFAKE'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
