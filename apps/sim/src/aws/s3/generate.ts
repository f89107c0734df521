import type { AwsGenContext } from '../generate-context.ts';

/** Generates the account's buckets. (Placeholder: the s3 work implements it.) */
export function generateS3(_ctx: AwsGenContext, _count: number): void {}
