import type { CheckId, Environment, ResourceType } from '@escher/protocol';
import type { Rng } from '../../core/rng.ts';
import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { ENV_WEIGHTS, APPS } from '../../estate/naming.ts';
import { generateTags, isTagged } from '../../estate/tags.ts';
import type { AwsGenContext } from '../generate-context.ts';
import { ec2Arn, type ID_KINDS, type IdPrefix } from './ids.ts';
import type { Ec2State, Tags } from './state.ts';

type Kind = (typeof ID_KINDS)[IdPrefix];

/** What the EC2 sub-generators share for one account and region. */
export class Ec2GenScope {
  readonly account: string;
  readonly region: string;
  /**
   * The account's home region (its first): there the first candidate of each EC2
   * misconfiguration always has it, so even a small estate shows every finding in every account.
   */
  readonly home: boolean;
  private readonly forced = new Set<CheckId>();

  constructor(
    readonly ctx: AwsGenContext,
    readonly state: Ec2State,
  ) {
    this.account = ctx.account.id;
    this.region = ctx.region;
    this.home = ctx.regions[0] === ctx.region;
  }

  /** Draws a misconfiguration at its documented rate (forced for the home region's first candidate). */
  draw(rng: Rng, checkId: Exclude<CheckId, 'cost.anomaly'>, rate = MISCONFIG_RATES[checkId]): boolean {
    const hit = rng.chance(rate);
    if (this.home && !this.forced.has(checkId)) {
      this.forced.add(checkId);
      return true;
    }
    return hit;
  }

  private key: string | undefined;

  /** The account's `aws/ebs` managed KMS key in this region, which encrypted volumes use. */
  get ebsKey(): string {
    this.key ??= `arn:aws:kms:${this.region}:${this.account}:key/${this.ctx.rng.fork('ebs-key').uuid()}`;
    return this.key;
  }

  get epoch(): number {
    return this.ctx.epoch;
  }

  arn(kind: Kind, id: string): string {
    return ec2Arn(this.region, this.account, kind, id);
  }

  /** An app and environment for a new resource. */
  owner(rng: Rng): { app: string; env: Environment } {
    return { app: rng.pick(APPS), env: rng.weighted(ENV_WEIGHTS) };
  }

  /**
   * Tags for a resource (with `Name` first when given), drawing the `resource.untagged`
   * misconfiguration at its documented rate.
   */
  tags(rng: Rng, app: string, env: Environment, name: string | undefined): Tags {
    const untagged = rng.chance(MISCONFIG_RATES['resource.untagged']);
    const generated = generateTags(rng, { env, app, untagged }, 'aws');
    return name === undefined ? generated : { Name: name, ...generated };
  }

  /** Counts the resource in the manifest and records its tag misconfiguration. */
  record(type: ResourceType, kind: Kind, id: string, tags: Tags): string {
    const arn = this.arn(kind, id);
    this.ctx.manifest.resource('aws', this.account, type);
    if (!isTagged(tags)) this.ctx.manifest.misconfig('resource.untagged', arn);
    return arn;
  }

  /** Records a misconfiguration of an EC2 resource by its ARN. */
  misconfig(checkId: CheckId, kind: Kind, id: string): void {
    this.ctx.manifest.misconfig(checkId, this.arn(kind, id));
  }

  /** A time `minDays`–`maxDays` before the epoch, at whole seconds. */
  daysAgo(rng: Rng, minDays: number, maxDays: number): number {
    const ms = rng.int(Math.round(minDays * 86_400), Math.round(maxDays * 86_400)) * 1000;
    return this.epoch - ms;
  }
}
