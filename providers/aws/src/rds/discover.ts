import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { describeDbInstances } from './describe-db-instances.ts';
import { normaliseDbInstance } from './normalise-db-instance.ts';

/** RDS instances of one region. */
export async function* discoverDbInstances(ctx: AwsContext): AsyncGenerator<Resource[]> {
  for await (const page of describeDbInstances(ctx)) yield page.map((db) => normaliseDbInstance(db, ctx));
}
