import { MISCONFIG_RATES } from '../../estate/misconfig-rates.ts';
import { envToken } from '../../estate/naming.ts';
import type { AwsRegionState } from '../estate.ts';
import type { AwsBudget, AwsGenContext } from '../generate-context.ts';
import { vpcPlacements } from '../network-view.ts';
import { drawLabels, recordUntagged } from '../tagging/tags.ts';
import { handlerFor, runtimesDeprecatedBy, runtimesSupportedPast } from './runtimes.ts';
import type { LambdaFunction } from './state.ts';

const DAY = 86_400_000;
const PURPOSES = [
  'handler',
  'worker',
  'webhook',
  'cron',
  'resizer',
  'notifier',
  'api',
  'consumer',
  'exporter',
  'authorizer',
];

/**
 * Generates this region's Lambda functions. Roles are `arn:aws:iam::{account}:role/{app}-lambda-role`
 * (IAM creates each role a function names); about a third run in a VPC of this region.
 * `serverless.function.deprecated-runtime`: a runtime past its end of support (runtimes.ts).
 * Native id: `arn:aws:lambda:{region}:{account}:function:{name}`.
 */
export function generateLambda(ctx: AwsGenContext, region: AwsRegionState, budget: AwsBudget): void {
  const rng = ctx.rng.fork('lambda');
  const { account, manifest } = ctx;
  const deprecated = runtimesDeprecatedBy(ctx.epoch);
  const healthy = runtimesSupportedPast(ctx.epoch);
  const vpcs = vpcPlacements(region);
  const state = region.lambda;
  for (let i = 0; i < budget.functions; i++) {
    const labels = drawLabels(rng);
    const base = `${labels.app}-${rng.pick(PURPOSES)}-${envToken(rng, labels.env)}`;
    let name = base;
    for (let n = 2; state.byName.has(name); n++) name = `${base}-${n}`;
    const arn = `arn:aws:lambda:${ctx.region}:${account.id}:function:${name}`;
    const old = rng.chance(MISCONFIG_RATES['serverless.function.deprecated-runtime']);
    const runtime = rng.pick(old ? deprecated : healthy);
    const vpc = vpcs.length && rng.chance(0.35) ? rng.pick(vpcs) : undefined;
    const fn: LambdaFunction = {
      name,
      arn,
      runtime,
      role: `arn:aws:iam::${account.id}:role/${labels.app}-lambda-role`,
      handler: handlerFor(runtime),
      codeSize: rng.int(800, 45_000_000),
      description: rng.chance(0.6) ? `${labels.app} ${name.split('-')[1]}` : '',
      timeout: rng.pick([3, 10, 30, 60, 300, 900]),
      memorySize: rng.pick([128, 256, 512, 1024, 2048, 3008]),
      lastModified: ctx.epoch - rng.int(1, 900) * DAY - rng.int(0, 86_399_999),
      codeSha256: Buffer.from(rng.hex(64), 'hex').toString('base64'),
      revisionId: rng.uuid(),
      architecture: rng.chance(0.3) ? 'arm64' : 'x86_64',
      vpc: vpc
        ? {
            vpcId: vpc.vpcId,
            subnetIds: pickSome(
              vpc.subnets.map((s) => s.id),
              rng.int(1, 3),
              rng.next(),
            ),
            securityGroupIds: pickSome(vpc.securityGroupIds, 1, rng.next()),
          }
        : undefined,
      environment: rng.chance(0.6)
        ? { LOG_LEVEL: rng.pick(['INFO', 'DEBUG', 'WARN']), APP: labels.app }
        : undefined,
      tags: labels.tags,
    };
    if (old) manifest.misconfig('serverless.function.deprecated-runtime', arn);
    state.functions.push(fn);
    state.byName.set(name, fn);
    manifest.resource('aws', account.id, 'serverless.function');
    recordUntagged(manifest, arn, fn.tags);
  }
}

function pickSome(ids: readonly string[], n: number, r: number): string[] {
  if (ids.length === 0) return [];
  const start = Math.floor(r * ids.length);
  return Array.from({ length: Math.min(n, ids.length) }, (_, i) => ids[(start + i) % ids.length]!);
}
