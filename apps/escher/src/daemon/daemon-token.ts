import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { UserError } from '@escher/protocol';

/**
 * Returns the daemon's token, creating it on first use: 32 random bytes (base64url) in a file
 * only the user can read. The same token survives restarts so the CLI, scripts and an open UI
 * keep working; delete the file to rotate it. A token file others can read is refused, as ssh
 * refuses a readable private key, because anyone holding it can read the estate.
 */
export function ensureDaemonToken(path: string): string {
  const existing = readDaemonToken(path);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temp, path);
  return token;
}

/** The token from its file, or undefined when there is none yet. */
export function readDaemonToken(path: string): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new UserError('daemon-token-insecure', `${path} can be read by other users`, {
      hint: `Run \`chmod 600 ${path}\`, or delete it to get a new token`,
    });
  }
  const token = readFileSync(path, 'utf8').trim();
  if (token.length < 32) {
    throw new UserError('daemon-token-invalid', `${path} does not hold a valid token`, {
      hint: 'Delete it; the next `escher daemon start` writes a new one',
    });
  }
  return token;
}

/**
 * Compares a presented token with the real one in constant time. Both sides are hashed first so
 * neither the length nor a matching prefix shows in the timing.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
