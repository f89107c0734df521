import type { TagMap } from '../tagging/tags.ts';

export interface LambdaFunction {
  name: string;
  arn: string;
  runtime: string;
  role: string;
  handler: string;
  codeSize: number;
  description: string;
  timeout: number;
  memorySize: number;
  lastModified: number;
  codeSha256: string;
  revisionId: string;
  architecture: 'x86_64' | 'arm64';
  vpc?: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string } | undefined;
  environment?: Record<string, string> | undefined;
  tags: TagMap;
}

/** Lambda state of one account and region. */
export interface LambdaState {
  functions: LambdaFunction[];
  byName: Map<string, LambdaFunction>;
}

export function emptyLambdaState(): LambdaState {
  return { functions: [], byName: new Map() };
}
