import { Rng } from '../../core/rng.ts';
import { ManifestBuilder } from '../../estate/manifest-builder.ts';
import { planEstate, split } from '../../estate/size.ts';
import { generateEc2 } from './generate.ts';
import { generateElbv2 } from '../elbv2/generate.ts';
import { emptyRegionState } from '../estate.ts';
import { AWS_WEIGHTS, type AwsBudget } from '../generate-context.ts';
import { AWS_ESTATE_REGIONS } from '../regions.ts';
const epoch = Date.UTC(2026, 10, 1);
const plan = planEstate('large');
const totals = split(plan.resources.aws, AWS_WEIGHTS, 1);
const regions = AWS_ESTATE_REGIONS.slice(0, plan.regions.aws);
for (let k = 0; k < Number(process.env.K ?? 3); k++) {
  const manifest = new ManifestBuilder();
  const rng = new Rng(1);
  const scopes = [];
  for (let a = 0; a < plan.accounts.aws; a++) regions.forEach((r, i) => scopes.push({ a, r, w: 1 / (i + 1) }));
  const wsum = scopes.reduce((s, x) => s + x.w, 0);
  const t0 = performance.now();
  let n = 0;
  for (const s of scopes) {
    const budget = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round((v * s.w) / wsum)])) as unknown as AwsBudget;
    const account = { id: String(100000000000 + s.a), alias: 'x', regions: new Map(), s3: {} as never, iam: {} as never };
    const region = emptyRegionState(s.r);
    const ctx = { rng: rng.fork(`${s.a}:${s.r}`), epoch, manifest, account, region: s.r, regions };
    generateEc2(ctx, region, budget);
    generateElbv2(ctx, region, budget);
    n += region.ec2.instances.size + region.ec2.volumes.size + region.ec2.snapshots.size + region.ec2.securityGroups.size + region.ec2.vpcs.size + region.ec2.subnets.size + region.ec2.addresses.size + region.elbv2.loadBalancers.size;
  }
  console.log('ec2+elbv2 ms', Math.round(performance.now() - t0), 'resources', n);
}
