import type { Cluster } from '@aws-sdk/client-eks';
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { DBInstance } from '@aws-sdk/client-rds';
import type { Resource } from '@escher/protocol';
import { normaliseCluster } from '../eks/normalise-cluster.ts';
import { normaliseLoadBalancer } from '../elbv2/normalise-load-balancer.ts';
import { normaliseKey } from '../kms/normalise-key.ts';
import { normaliseFunction } from '../lambda/normalise-function.ts';
import { normaliseDbInstance } from '../rds/normalise-db-instance.ts';
import { requireId, scopeOf, sdkTagList } from './config-ec2.ts';
import type { ConfigItem } from './config-item.ts';
import { lowerKeys, parseAwsDate, readTags, toSdkShape } from './config-shape.ts';

/** An `AWS::RDS::DBInstance` item (`dBInstanceIdentifier`-style names); tags from the item when the body has none. */
export function importDbInstance(item: ConfigItem): Resource {
  const db = toSdkShape(item.configuration) as DBInstance;
  db.DBInstanceIdentifier = requireId(item, db.DBInstanceIdentifier, 'dBInstanceIdentifier');
  db.TagList = sdkTagList(db.TagList, item);
  return normaliseDbInstance(db, scopeOf(item));
}

/** An `AWS::Lambda::Function` item; runtime deprecation is judged at `now`, as a sync does. */
export function importFunction(item: ConfigItem, now: number): Resource {
  const fn = toSdkShape(item.configuration) as FunctionConfiguration;
  fn.FunctionName = requireId(item, fn.FunctionName ?? item.resourceName, 'functionName');
  fn.FunctionArn ??= item.arn;
  return normaliseFunction(fn, scopeOf(item), item.tags ?? {}, now);
}

/**
 * Config records the load balancer but not its target groups and targets: `targetGroups`,
 * `targetCount`, `unhealthyTargets` and `lb-target` relationships are left out (unknown), not
 * reported as zero.
 */
export function importLoadBalancer(item: ConfigItem): Resource {
  const lb = toSdkShape(item.configuration) as LoadBalancer;
  lb.LoadBalancerArn ??= item.arn ?? requireId(item, undefined, 'loadBalancerArn');
  const resource = normaliseLoadBalancer(lb, scopeOf(item), item.tags ?? {}, { targetGroups: [] });
  delete resource.attributes['targetGroups'];
  delete resource.attributes['targetCount'];
  delete resource.attributes['unhealthyTargets'];
  return resource;
}

/**
 * AWS Config records EKS clusters in their CloudFormation shape (`Name`, `ResourcesVpcConfig`,
 * `ClusterStatus`, `Logging.ClusterLogging.EnabledTypes`); older items and hand-made files may use
 * the EKS API's own camelCase. Both are read. The CloudFormation shape has no VPC id and no
 * creation time: the VPC comes from the item's relationships, the time from
 * `resourceCreationTime`.
 */
export function importCluster(item: ConfigItem): Resource {
  const c = lowerKeys(item.configuration);
  const vpc = lowerKeys((c['resourcesvpcconfig'] as Record<string, unknown> | undefined) ?? {});
  const logging = lowerKeys((c['logging'] as Record<string, unknown> | undefined) ?? {});
  const clusterLogging = logging['clusterlogging'];
  const enabledTypes = Array.isArray(clusterLogging)
    ? (clusterLogging as Record<string, unknown>[]).map((l) => lowerKeys(l))
    : [lowerKeys((clusterLogging as Record<string, unknown> | undefined) ?? {})];
  const relatedVpc = item.relationships.find((r) => r.resourceType === 'AWS::EC2::VPC')?.resourceId;
  const cluster: Cluster = {
    name: requireId(item, strOf(c['name']) ?? item.resourceName, 'Name'),
    arn: strOf(c['arn']) ?? item.arn,
    version: strOf(c['version']),
    platformVersion: strOf(c['platformversion']),
    endpoint: strOf(c['endpoint']),
    roleArn: strOf(c['rolearn']),
    status: (strOf(c['status']) ?? strOf(c['clusterstatus'])) as Cluster['status'],
    createdAt: parseAwsDate(c['createdat']) ?? item.resourceCreationTime,
    tags: readTags(c['tags']) ?? item.tags ?? {},
    resourcesVpcConfig: {
      subnetIds: strings(vpc['subnetids']),
      securityGroupIds: strings(vpc['securitygroupids']),
      vpcId: strOf(vpc['vpcid']) ?? relatedVpc,
      endpointPublicAccess: vpc['endpointpublicaccess'] as boolean | undefined,
      endpointPrivateAccess: vpc['endpointprivateaccess'] as boolean | undefined,
      publicAccessCidrs: Array.isArray(vpc['publicaccesscidrs'])
        ? strings(vpc['publicaccesscidrs'])
        : undefined,
    },
    encryptionConfig: (Array.isArray(c['encryptionconfig']) ? (c['encryptionconfig'] as unknown[]) : []).map(
      (e) => {
        const provider = lowerKeys(
          (lowerKeys(e as Record<string, unknown>)['provider'] ?? {}) as Record<string, unknown>,
        );
        return { provider: { keyArn: strOf(provider['keyarn']) } };
      },
    ),
    logging: {
      clusterLogging: enabledTypes.map((l) => {
        if ('types' in l) return { types: strings(l['types']) as never, enabled: l['enabled'] === true };
        // CloudFormation lists only the enabled types, each as `{Type}`.
        const types = (Array.isArray(l['enabledtypes']) ? (l['enabledtypes'] as unknown[]) : []).map((t) =>
          typeof t === 'string' ? t : strOf(lowerKeys(t as Record<string, unknown>)['type']),
        );
        return { types: types.filter(Boolean) as never, enabled: true };
      }),
    },
  };
  return normaliseCluster(cluster, scopeOf(item));
}

/**
 * A KMS key, named by the alias AWS Config recorded for it (`AWS::KMS::Alias` items in the same
 * file). Rotation comes from `supplementaryConfiguration.KeyRotationStatus` when Config has it;
 * otherwise it is unknown for customer keys (AWS-managed keys always rotate).
 */
export function importKey(item: ConfigItem, aliases: readonly string[]): Resource {
  const metadata = toSdkShape(item.configuration) as KeyMetadata;
  const keyId = requireId(item, metadata.KeyId, 'keyId');
  const rotation = rotationOf(
    item.supplementary['KeyRotationStatus'] ?? item.supplementary['keyRotationStatus'],
  );
  return normaliseKey(
    {
      arn: item.arn ?? metadata.Arn ?? `arn:aws:kms:${item.awsRegion}:${item.accountId}:key/${keyId}`,
      keyId,
      metadata,
      aliases: [...aliases],
      rotationEnabled: rotation,
      tags: item.tags ?? {},
    },
    scopeOf(item),
  );
}

function rotationOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === 'true' ? true : value === 'false' ? false : undefined;
  if (value && typeof value === 'object')
    return rotationOf(lowerKeys(value as Record<string, unknown>)['keyrotationenabled']);
  return undefined;
}

function strOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
