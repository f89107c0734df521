import { EscherError, UserError } from '@escher/protocol';
import { call, type Operation } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** AWS codes that mean the target (or something it names) does not exist. */
const NOT_FOUND = new Set([
  'InvalidInstanceID.NotFound',
  'InvalidVolume.NotFound',
  'InvalidSnapshot.NotFound',
  'InvalidGroup.NotFound',
  'InvalidAllocationID.NotFound',
  'InvalidAddress.NotFound',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'NoSuchBucket',
  'ResourceNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
  'LoadBalancerNotFound',
]);

/** AWS codes that mean the target exists but its state refuses the change. */
const WRONG_STATE = new Set([
  'IncorrectInstanceState',
  'IncorrectState',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'VolumeInUse',
  'InvalidIPAddress.InUse',
  'InvalidSnapshot.InUse',
  'ResourceInUseException',
  'KMSInvalidStateException',
  'OperationNotPermitted',
  'UnsupportedOperationException',
  'DBSnapshotAlreadyExists',
  'InvalidPermission.Duplicate',
  'InvalidPermission.NotFound',
]);

/**
 * Makes one mutating SDK call through the gate (core `call`), then names the two failures a plan
 * or a rollback must tell apart as the user's to fix: the target is gone (`aws-resource-not-found`)
 * or its state refuses the change (`aws-wrong-state`, e.g. resizing a running instance). The AWS
 * code stays in the message and `details.awsCode`; everything else keeps core's mapping.
 */
export async function send<T>(
  ctx: AwsContext,
  op: Operation,
  fn: (options: { abortSignal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  try {
    return await call(ctx, op, fn);
  } catch (error) {
    throw refine(error);
  }
}

/** EC2's dry run: `DryRunOperation` means the call would have succeeded. */
export async function ec2DryRun(
  ctx: AwsContext,
  operation: string,
  fn: (options: { abortSignal?: AbortSignal }) => Promise<unknown>,
): Promise<void> {
  try {
    await call(ctx, { service: 'ec2', operation }, fn);
  } catch (error) {
    if (error instanceof EscherError && error.details?.awsCode === 'DryRunOperation') return;
    throw refine(error);
  }
}

function refine(error: unknown): unknown {
  if (!(error instanceof EscherError)) return error;
  const code = error.details?.awsCode;
  if (typeof code !== 'string') return error;
  const options = { cause: error, details: error.details ?? {} };
  if (NOT_FOUND.has(code)) {
    return new UserError('aws-resource-not-found', error.message, {
      ...options,
      hint: 'The resource is gone or was never in this account and region: sync again and re-plan',
    });
  }
  if (WRONG_STATE.has(code)) {
    return new UserError('aws-wrong-state', error.message, {
      ...options,
      hint: 'The resource is not in a state that allows this change: check its state, wait, or change the plan',
    });
  }
  return error;
}

/** A local refusal that reads like the cloud's: the target's state does not allow the change. */
export function wrongState(message: string): UserError {
  return new UserError('aws-wrong-state', message, {
    hint: 'The resource is not in a state that allows this change: check its state, wait, or change the plan',
  });
}

/** The target is gone (re-read found nothing). */
export function gone(nativeId: string): UserError {
  return new UserError('aws-resource-not-found', `${nativeId} no longer exists`, {
    hint: 'The resource is gone or was never in this account and region: sync again and re-plan',
  });
}
