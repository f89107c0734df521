import type { ResourceType } from '@aws-sdk/client-ec2';

/** The account moto answers for when keys name none. */
export const MOTO_ACCOUNT = '123456789012';

/** What one created resource should look like once discovered. */
export interface Expected {
  type: string;
  state?: string;
  tags: Record<string, string>;
  /** Attributes the provider must report with exactly these values. */
  attributes?: Record<string, unknown>;
}

/** What the test created: native id (ARN, as the provider builds it) → what it should look like. */
export interface Created {
  resources: Map<string, Expected>;
  /** Instance ids, for relationships and metrics. */
  instanceIds: string[];
}

/** What every part of the estate builder shares. */
export interface EstateContext {
  config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  region: string;
  created: Created;
}

/** The network the compute resources are placed in. */
export interface EstateNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupId: string;
}

/** The tags the estate uses: an environment, an owner, and a Name when given. */
export function estateTags(env: string, name?: string): Record<string, string> {
  return { env, owner: 'team-moto', ...(name ? { Name: name } : {}) };
}

/** Tags as `[{Key, Value}]`. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** An EC2 TagSpecification for one resource type. */
export function tagSpec(ResourceType: ResourceType, tags: Record<string, string>) {
  return [{ ResourceType, Tags: tagList(tags) }];
}
