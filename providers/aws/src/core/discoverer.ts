import type { Resource } from '@escher/protocol';
import type { AwsContext } from './context.ts';

/** Discovers one service's resources in one scope, page by page. */
export type Discoverer = (ctx: AwsContext) => AsyncIterable<Resource[]>;
