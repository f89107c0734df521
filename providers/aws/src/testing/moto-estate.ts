import { createDataEstate } from './moto-estate-data.ts';
import { createEc2Estate } from './moto-estate-ec2.ts';
import { createServiceEstate } from './moto-estate-services.ts';
import type { Created, EstateContext } from './moto-estate-context.ts';

export { MOTO_ACCOUNT, type Created } from './moto-estate-context.ts';

/**
 * Builds a small estate in moto with the SDK, the way a user's account would hold it, and
 * returns what the provider must find: EC2 (network, instances, volumes, snapshot, addresses),
 * S3 and RDS, IAM, KMS, Lambda, EKS and an ALB.
 */
export async function createMotoEstate(endpoint: string, region: string): Promise<Created> {
  const ctx: EstateContext = {
    config: {
      endpoint,
      region,
      credentials: { accessKeyId: 'AKIAMOTOESCHER000001', secretAccessKey: 'moto' },
    },
    region,
    created: { resources: new Map(), instanceIds: [] },
  };
  const network = await createEc2Estate(ctx);
  await createDataEstate(ctx);
  await createServiceEstate(ctx, network);
  return ctx.created;
}
