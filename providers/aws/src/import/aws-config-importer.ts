import type { Resource } from '@escher/protocol';
import {
  importAddress,
  importInstance,
  importSecurityGroup,
  importSubnet,
  importVolume,
  importVpc,
} from './config-ec2.ts';
import { readConfigItem, type ConfigItem } from './config-item.ts';
import { importBucket, importRole, importUser } from './config-s3-iam.ts';
import {
  importCluster,
  importDbInstance,
  importFunction,
  importKey,
  importLoadBalancer,
} from './config-services.ts';
import { lowerKeys } from './config-shape.ts';
import type { ImportOutcome } from './import-outcome.ts';

type Adapter = (item: ConfigItem, importer: AwsConfigImporter) => Resource;

/** Each AWS Config resource type Escher models, and how its item becomes a Resource. */
const ADAPTERS: Readonly<Record<string, Adapter>> = {
  'AWS::EC2::Instance': importInstance,
  'AWS::EC2::Volume': importVolume,
  'AWS::EC2::SecurityGroup': importSecurityGroup,
  'AWS::EC2::EIP': importAddress,
  'AWS::EC2::VPC': importVpc,
  'AWS::EC2::Subnet': importSubnet,
  'AWS::RDS::DBInstance': importDbInstance,
  'AWS::Lambda::Function': (item, i) => importFunction(item, i.now()),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': importLoadBalancer,
  'AWS::EKS::Cluster': importCluster,
  'AWS::KMS::Key': (item, i) => importKey(item, i.aliasesOf(item)),
  'AWS::S3::Bucket': importBucket,
  'AWS::IAM::User': (item, i) => importUser(item, i.now()),
  'AWS::IAM::Role': importRole,
};

/** The AWS Config resource types an import turns into resources. */
export const AWS_CONFIG_TYPES: readonly string[] = Object.keys(ADAPTERS);

/**
 * Imports AWS Config configuration items — from a configuration snapshot file
 * (`configurationItems`), `aws configservice select-resource-config` (`Results`, each a JSON
 * string) or `get-resource-config-history` — into Resources normalised by the same code a sync
 * uses. Two passes over the items: `observe` every item first (KMS aliases name their keys),
 * then `normalise` each.
 *
 * What Config does not record is left out rather than guessed: EBS snapshots (no Config type),
 * load balancer targets, IAM users' MFA / keys / console access, KMS rotation unless
 * `KeyRotationStatus` is present, and S3's own evaluation of bucket policies (the policy text is
 * read instead).
 *
 * @example
 * const importer = new AwsConfigImporter({ now: Date.now });
 * for (const [i, item] of items.entries()) importer.observe(item);
 * for (const [i, item] of items.entries()) importer.normalise(item, `configurationItems[${i}]`);
 */
export class AwsConfigImporter {
  readonly cloud = 'aws' as const;
  /** `observe` reads alias items only: the first pass parses nothing else. */
  readonly observeOnly: readonly string[] = ['AWS::KMS::Alias'];
  private readonly aliases = new Map<string, string[]>();
  readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** First pass: remembers what other items need (alias names of KMS keys). Never throws. */
  observe(raw: unknown): void {
    let value = raw;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        return;
      }
    }
    if (value === null || typeof value !== 'object') return;
    const item = lowerKeys(value as Record<string, unknown>);
    if (item['resourcetype'] !== 'AWS::KMS::Alias') return;
    let config = item['configuration'];
    if (typeof config === 'string') {
      try {
        config = JSON.parse(config) as unknown;
      } catch {
        return;
      }
    }
    const c = lowerKeys((config as Record<string, unknown> | null) ?? {});
    const name = c['aliasname'];
    const target = c['targetkeyid'];
    const account = item['accountid'];
    const region = item['awsregion'];
    if (typeof name !== 'string' || typeof target !== 'string') return;
    const key = `${String(account)}/${String(region)}/${target}`;
    const list = this.aliases.get(key) ?? [];
    if (!list.includes(name)) list.push(name);
    this.aliases.set(key, list);
  }

  /** Second pass: the item as Resources, or why it is ignored. Throws `import-record-invalid`. */
  normalise(raw: unknown, path: string): ImportOutcome {
    const item = readConfigItem(raw, path);
    if ('gone' in item) return { ignored: item.gone };
    const adapter = ADAPTERS[item.resourceType];
    if (!adapter) return { ignored: item.resourceType };
    return { resources: [adapter(item, this)] };
  }

  /** What AWS Config items cannot say, for the import summary. */
  notes(): string[] {
    return [
      "AWS Config does not record EBS snapshots, load balancer targets, IAM users' MFA devices, access keys " +
        "or console passwords, or S3's own evaluation of bucket policies (the policy text is read instead): " +
        'those resources and attributes are missing or unknown until a sync',
    ];
  }

  /** Alias names recorded for a key (by its key id) in the key's account and region. */
  aliasesOf(item: ConfigItem): string[] {
    const keyId = item.resourceId ?? String(lowerKeys(item.configuration)['keyid'] ?? '');
    return this.aliases.get(`${item.accountId}/${item.awsRegion}/${keyId}`) ?? [];
  }
}
