import type { SimClock } from '../../core/clock.ts';
import { visibleInstances } from '../ec2/instance-lifecycle.ts';
import type { AwsAccountState, AwsRegionState } from '../estate.ts';
import type { TagMap } from './tags.ts';

/** One taggable resource as the Resource Groups Tagging API sees it. */
export interface Taggable {
  /** `service:resourceType` (`ec2:instance`, `rds:db`) or just the service (`s3`). */
  type: string;
  arn: string;
  tags: TagMap;
}

/**
 * Every taggable resource of one account and region, service by service: EC2 (instances not
 * terminated, volumes, own snapshots, security groups, VPCs, subnets, Elastic IPs), ELBv2 load
 * balancers and target groups, RDS
 * (instances, snapshots), Lambda, EKS, KMS customer keys, and the account's S3 buckets whose
 * region this is.
 */
export function taggableResources(
  account: AwsAccountState,
  region: AwsRegionState,
  clock: SimClock,
): Taggable[] {
  const a = account.id;
  const r = region.name;
  const out: Taggable[] = [];
  const ec2 = region.ec2;
  const arn = (kind: string, id: string): string => `arn:aws:ec2:${r}:${a}:${kind}/${id}`;
  for (const i of visibleInstances(ec2, clock))
    if (i.state !== 'terminated')
      out.push({ type: 'ec2:instance', arn: arn('instance', i.id), tags: i.tags });
  for (const v of ec2.volumes.values())
    out.push({ type: 'ec2:volume', arn: arn('volume', v.id), tags: v.tags });
  for (const s of ec2.snapshots.values())
    if (s.ownerId === a) out.push({ type: 'ec2:snapshot', arn: arn('snapshot', s.id), tags: s.tags });
  for (const g of ec2.securityGroups.values())
    out.push({ type: 'ec2:security-group', arn: arn('security-group', g.id), tags: g.tags });
  for (const v of ec2.vpcs.values()) out.push({ type: 'ec2:vpc', arn: arn('vpc', v.id), tags: v.tags });
  for (const s of ec2.subnets.values())
    out.push({ type: 'ec2:subnet', arn: arn('subnet', s.id), tags: s.tags });
  for (const e of ec2.addresses.values())
    out.push({ type: 'ec2:elastic-ip', arn: arn('elastic-ip', e.allocationId), tags: e.tags });
  for (const lb of region.elbv2.loadBalancers.values())
    out.push({ type: 'elasticloadbalancing:loadbalancer', arn: lb.arn, tags: lb.tags });
  for (const tg of region.elbv2.targetGroups.values())
    out.push({ type: 'elasticloadbalancing:targetgroup', arn: tg.arn, tags: tg.tags });
  for (const db of region.rds.instances) out.push({ type: 'rds:db', arn: db.arn, tags: db.tags });
  for (const s of region.rds.snapshots) out.push({ type: 'rds:snapshot', arn: s.arn, tags: s.tags });
  for (const f of region.lambda.functions) out.push({ type: 'lambda:function', arn: f.arn, tags: f.tags });
  for (const c of region.eks.clusters) out.push({ type: 'eks:cluster', arn: c.arn, tags: c.tags });
  for (const k of region.kms.keys)
    if (k.manager === 'CUSTOMER') out.push({ type: 'kms:key', arn: k.arn, tags: k.tags });
  for (const b of account.s3.buckets.values())
    if (b.region === r && b.tags) out.push({ type: 's3', arn: `arn:aws:s3:::${b.name}`, tags: b.tags });
  return out;
}
