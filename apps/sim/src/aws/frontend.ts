import type { CallInfo } from '../core/call.ts';
import type { CloudFrontend, SimContext } from '../core/frontend.ts';
import { json, type SimRequest } from '../core/http.ts';

export interface AwsFrontendOptions {
  /** This endpoint's own base URL (for Location headers, discovery documents, self links). */
  baseUrl: string;
}

/** The Aws protocol frontend. */
export function createAwsFrontend(_ctx: SimContext, _options: AwsFrontendOptions): CloudFrontend {
  return {
    cloud: 'aws',
    identify: (_req: SimRequest) => json(501, { error: 'not yet served' }),
    handle: () => json(501, { error: 'not yet served' }),
    fault: (_fault, _call: CallInfo) => json(500, { error: 'fault' }),
  };
}
