import { Rng } from '../../core/rng.ts';
import { ManifestBuilder } from '../../estate/manifest-builder.ts';
import { planEstate } from '../../estate/size.ts';
import { generateAws } from '../generate.ts';
import { generateEstate } from '../../estate/estate.ts';
const epoch = Date.UTC(2026, 10, 1);
for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  const aws = generateAws({ rng: new Rng(1).fork('aws'), plan: planEstate('large'), epoch, manifest: new ManifestBuilder() });
  const t1 = performance.now();
  let n = 0; for (const a of aws.accounts) for (const r of a.regions.values()) n += r.ec2.instances.size + r.ec2.volumes.size + r.ec2.snapshots.size + r.ec2.securityGroups.size + r.ec2.vpcs.size + r.ec2.subnets.size + r.ec2.addresses.size + r.elbv2.loadBalancers.size;
  console.log('aws total ms', Math.round(t1 - t0), 'ec2+elb resources', n);
}
const t2 = performance.now();
const e = generateEstate({ seed: 1, size: 'large', epoch });
console.log('estate ms', Math.round(performance.now() - t2), e.manifest.totalResources, 'heapMB', Math.round(process.memoryUsage().heapUsed / 1e6));
