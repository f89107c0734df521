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
  // Rate limits are off on both servers here, so the SDK's retries only ever meet a dropped
  // connection: moto's server now and then resets an idle keep-alive socket (ECONNRESET), and one
  // reset failed a whole `npm run bench`. A retried sample includes a reconnect; it is rare.
  return new EC2Client({ endpoint, region, credentials, maxAttempts: 3 });
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

/**
 * A raw EC2 query call (form body, an unsigned SigV4-shaped `Authorization` header that carries the
 * credential scope both servers route by). Resolves with the response size; no SDK parsing, so the
 * time is the server's plus the transfer.
 */
export async function rawEc2(
  endpoint: string,
  region: string,
  params: Record<string, string>,
): Promise<number> {
  const body = new URLSearchParams({ Version: '2016-11-15', ...params }).toString();
  const res = await fetch(endpoint, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEBENCH/20261101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200) throw new RangeError(`${params.Action} answered HTTP ${res.status}`);
  return bytes;
}

/** Launches `count` instances with raw RunInstances calls of at most 1,000 (the response is read, not parsed). */
export async function launchFleetRaw(endpoint: string, region: string, count: number): Promise<number> {
  const start = performance.now();
  for (let left = count; left > 0; left -= BATCH) {
    const n = String(Math.min(BATCH, left));
    await rawEc2(endpoint, region, {
      Action: 'RunInstances',
      ImageId: 'ami-12c6146b',
      InstanceType: 't3.micro',
      MinCount: n,
      MaxCount: n,
    });
  }
  return performance.now() - start;
}
