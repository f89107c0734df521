import type { SimContext } from '../core/frontend.ts';
import type { SimRequest, SimResponse } from '../core/http.ts';
import type { AwsAccountState, AwsEstate, AwsRegionState } from './estate.ts';
import type { QueryParams } from './protocol/query-params.ts';

/**
 * Wire protocols of the AWS services served (see PROTOCOLS.md):
 * - `ec2`: form in, `<OpResponse xmlns>` XML out, errors `<Response><Errors>…`
 * - `query`: awsQuery (RDS, IAM, STS, ELBv2, CloudWatch's older mode) — `<OpResponse><OpResult>`
 * - `json`: awsJson1_0/1_1 by `X-Amz-Target` (CloudWatch new mode, Cost Explorer, Tagging)
 * - `rest-json`: path routed (Lambda, EKS); `rest-xml`: path routed (S3)
 */
export type AwsProtocol = 'ec2' | 'query' | 'json' | 'rest-json' | 'rest-xml';

/** Everything an operation handler gets. */
export interface AwsCall {
  req: SimRequest;
  sim: SimContext;
  estate: AwsEstate;
  account: AwsAccountState;
  /** The region from the SigV4 scope (us-east-1 for global services). */
  region: string;
  /** That region's state in this account (created empty on first use). */
  regionState: AwsRegionState;
  requestId: string;
  /** The protocol the request came in: CloudWatch accepts both `query` and `json`. */
  protocol: AwsProtocol;
  /** Form parameters for `ec2`/`query`. */
  params: QueryParams;
  /** Parsed JSON body for `json`/`rest-json` (`{}` when empty). */
  body: Record<string, unknown>;
  /** Path parameters for REST operations (`{ FunctionName }`, `{ Bucket, Key }`). */
  pathParams: Record<string, string>;
}

/**
 * One AWS API operation. `handle` returns the result content: for `ec2` the children of
 * `<OpResponse>` (requestId is added), for `query` the children of `<OpResult>`, for `json` the
 * response object; REST operations return a full SimResponse.
 */
export interface AwsOperation {
  name: string;
  mutating?: boolean;
  handle(call: AwsCall): unknown;
}

/** A REST route of a path-routed service. `path` uses `{Name}` and `{Key+}` placeholders. */
export interface AwsRestRoute {
  method: string;
  path: string;
  /** Distinguishes routes on the same path by a query parameter's presence (S3's `?tagging`). */
  query?: string;
  operation: AwsOperation;
}

/** A service as the frontend routes it. */
export interface AwsService {
  /** SigV4 signing name: ec2, s3, rds, elasticloadbalancing, monitoring, lambda, eks, iam, sts, kms, ce, tagging. */
  signingName: string;
  protocol: AwsProtocol;
  /** XML namespace for ec2/query responses. */
  xmlns?: string;
  /** `X-Amz-Target` prefix for JSON protocols (`GraniteServiceVersion20100801`). */
  targetPrefix?: string;
  operations?: readonly AwsOperation[];
  routes?: readonly AwsRestRoute[];
  /** IAM, STS, S3 (ListBuckets), Cost Explorer are global: calls log region 'global'. */
  global?: boolean;
}

export type AwsRestResult = SimResponse;
