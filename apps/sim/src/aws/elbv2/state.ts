/**
 * Elastic Load Balancing v2 state of one account and region: load balancers and target groups by
 * ARN. Targets are EC2 instance ids of the same region and VPC; their health follows the
 * instance's state when read (a stopped instance is `unused`).
 */
export interface Elbv2State {
  loadBalancers: Map<string, LoadBalancer>;
  targetGroups: Map<string, TargetGroup>;
}

export interface LoadBalancer {
  arn: string;
  name: string;
  type: 'application' | 'network';
  scheme: 'internet-facing' | 'internal';
  vpcId: string;
  zones: { zoneName: string; subnetId: string }[];
  /** Application load balancers only. */
  securityGroupIds: string[];
  dnsName: string;
  canonicalHostedZoneId: string;
  createdTime: number;
  tags: Record<string, string>;
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface Target {
  id: string;
  port: number;
  /** Health while the instance runs; anything else reads as `unused`. */
  health: 'healthy' | 'unhealthy';
  reason?: string | undefined;
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
  port: number;
  vpcId: string;
  loadBalancerArns: string[];
  healthCheckPath?: string | undefined;
  targets: Target[];
  tags: Record<string, string>;
}

export function emptyElbv2State(): Elbv2State {
  return { loadBalancers: new Map(), targetGroups: new Map() };
}
