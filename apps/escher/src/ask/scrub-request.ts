/**
 * The request as it may leave the machine: the vault's redactor replaces every secret it knows
 * (the vault's own values, and patterns such as access keys and tokens) with a marker. A user who
 * pastes a key into a question does not send it to the server, nor into chat history.
 */
export function scrubRequest(request: string, redact: (text: string) => string): string {
  return redact(request).slice(0, 2_000);
}
