import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';

/**
 * External tools some tests drive (Debian's aws CLI 2.9, gcloud, moto). On CI they must be there:
 * a missing tool fails the test. On a developer machine the test is skipped, loudly.
 */
export function requireTool(t: TestContext, path: string, install: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new RangeError(`${path} is missing on CI; .ci/run must install it (${install})`);
  t.skip(`${path} not installed (${install})`);
  return false;
}

/** The two AWS CLIs on this kind of machine: pip's 1.45 (first on PATH) and Debian's 2.9. */
export const AWS_CLI_PIP = process.env.AWS_CLI_PIP ?? `${process.env.HOME ?? '/root'}/.pyenv/shims/aws`;
export const AWS_CLI_DEBIAN = '/usr/bin/aws';
