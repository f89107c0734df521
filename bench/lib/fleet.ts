import {
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';

/** The largest RunInstances batch the benchmark sends (EC2's own MaxCount ceiling is per account quota). */
export const BATCH = 1_000;

export function ec2Client(
  endpoint: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): EC2Client {
  return new EC2Client({ endpoint, region, credentials, maxAttempts: 1 });
}

/** Launches `count` instances in batches of at most 1,000 RunInstances each; resolves with the wall time. */
export async function launchFleet(ec2: EC2Client, count: number, subnetId?: string): Promise<number> {
  const start = performance.now();
  for (let left = count; left > 0; left -= BATCH) {
    const n = Math.min(BATCH, left);
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        MinCount: n,
        MaxCount: n,
        ...(subnetId ? { SubnetId: subnetId } : {}),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'bench', Value: 'fleet' }] }],
      }),
    );
  }
  return performance.now() - start;
}

/** Every instance, through the SDK paginator at 1,000 per page; resolves with the count. */
export async function describeAll(ec2: EC2Client): Promise<number> {
  let n = 0;
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 1_000 }, {})) {
    for (const r of page.Reservations ?? []) n += r.Instances?.length ?? 0;
  }
  return n;
}

/** One `MaxResults=5` page, as a scanner's first probe or a UI's first screen would ask. */
export async function firstPage(ec2: EC2Client): Promise<number> {
  const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
  return (page.Reservations ?? []).reduce((s, r) => s + (r.Instances?.length ?? 0), 0);
}
