import assert from 'node:assert/strict';
import type { RunningSimulator } from '../server.ts';
import { TEST_AWS_CREDENTIALS } from './sim-fixture.ts';

/** What every AWS SDK v3 client gets to reach the simulator. */
export interface AwsTestConfig {
  endpoint: string;
  region: string;
  credentials: typeof TEST_AWS_CREDENTIALS;
}

/**
 * An official AWS SDK v3 client aimed at the simulator's AWS endpoint with the static test
 * credentials (tests only); `extra` adds client settings such as `forcePathStyle` or `maxAttempts`.
 *
 * @example
 * const ec2 = awsClient(EC2Client, sim, 'us-east-1');
 * const s3 = awsClient(S3Client, sim, 'us-east-1', { forcePathStyle: true });
 */
export function awsClient<C, Extra extends object = Record<never, never>>(
  Client: new (config: AwsTestConfig & Extra) => C,
  sim: RunningSimulator,
  region: string,
  extra?: Extra,
): C {
  return new Client({
    endpoint: sim.endpoints.aws,
    region,
    credentials: TEST_AWS_CREDENTIALS,
    ...extra,
  } as AwsTestConfig & Extra);
}

/** How a failed SDK call looks to a user: the exception name (the AWS code) and the HTTP status. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  return assert.fail('expected the call to fail');
}
