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

/**
 * The environment an AWS CLI runs with in tests: only PATH and HOME from ours, static keys, no
 * config or credential files and no instance-metadata probe. Callers add what their CLI needs.
 */
export function awsCliEnv(credentials: { accessKeyId: string; secretAccessKey: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
