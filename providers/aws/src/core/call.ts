import type { CallContext } from '@escher/provider-api';
import type { AwsContext } from './context.ts';
import { awsErrorCode, toAwsError } from './errors.ts';

/** Which API an operation belongs to: the rate-limit family the scanner paces. */
export interface Operation {
  /** The AWS service (signing name): ec2, elasticloadbalancing, rds, lambda, eks, kms, s3, iam, sts, monitoring. */
  service: string;
  operation: string;
}

/**
 * Makes one SDK call through the scanner's gate and turns a failure into an Escher error.
 * Every AWS call the provider makes goes through here.
 */
export async function call<T>(
  ctx: AwsContext,
  op: Operation,
  send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const callContext: CallContext = { account: ctx.account, region: ctx.region, ...op };
  try {
    return await ctx.gate.run(callContext, () => send(ctx.signal ? { abortSignal: ctx.signal } : {}));
  } catch (error) {
    throw toAwsError(error, callContext);
  }
}

/**
 * Like `call`, but the listed AWS error codes mean "not configured" (NoSuchTagSet,
 * NoSuchPublicAccessBlockConfiguration, NoSuchEntity …) and resolve to undefined.
 */
export async function callOptional<T>(
  ctx: AwsContext,
  op: Operation,
  absentCodes: readonly string[],
  send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T | undefined> {
  const callContext: CallContext = { account: ctx.account, region: ctx.region, ...op };
  try {
    return await ctx.gate.run(callContext, () => send(ctx.signal ? { abortSignal: ctx.signal } : {}));
  } catch (error) {
    const code = awsErrorCode(error);
    if (code !== undefined && absentCodes.includes(code)) return undefined;
    throw toAwsError(error, callContext);
  }
}
