import { json, type SimResponse } from '../../core/http.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { LambdaFunction } from './state.ts';

/** Lambda's timestamp format: `2024-03-05T10:11:12.123+0000`. */
export function lambdaTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** A FunctionConfiguration as ListFunctions and GetFunction return it. */
export function functionConfiguration(fn: LambdaFunction, detailed = false): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.codeSize,
    Description: fn.description,
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTime(fn.lastModified),
    CodeSha256: fn.codeSha256,
    Version: '$LATEST',
    ...(fn.vpc
      ? {
          VpcConfig: {
            SubnetIds: fn.vpc.subnetIds,
            SecurityGroupIds: fn.vpc.securityGroupIds,
            VpcId: fn.vpc.vpcId,
            Ipv6AllowedForDualStack: false,
          },
        }
      : {}),
    ...(fn.environment ? { Environment: { Variables: fn.environment } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    PackageType: 'Zip',
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
    ...(detailed
      ? { State: 'Active', LastUpdateStatus: 'Successful', ...(fn.vpc ? { StateReasonCode: 'Idle' } : {}) }
      : {}),
  };
}

/** Finds a function by name, ARN or partial ARN (`123456789012:function:name`), qualifier ignored. */
export function findFunction(call: AwsCall, ref: string): LambdaFunction {
  const name = /(?:^|:)function:([^:]+)/.exec(ref)?.[1] ?? ref.split(':')[0]!;
  const fn = call.regionState.lambda.byName.get(name);
  if (!fn) {
    const arn = `arn:aws:lambda:${call.region}:${call.account.id}:function:${name}`;
    throw new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
  }
  return fn;
}

export const ok = (body: unknown, status = 200): SimResponse => json(status, body);
