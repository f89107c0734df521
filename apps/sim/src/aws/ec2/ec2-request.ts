import { paginate, type Page } from '../../core/paginate.ts';
import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { items, type XmlList } from '../protocol/xml.ts';
import { isEc2Id } from './ids.ts';
import { setTag, type Tags } from './state.ts';

/** `DryRun=true`: EC2 answers 412 DryRunOperation when the call would have succeeded. */
export function checkDryRun(params: QueryParams): void {
  if (params.bool('DryRun')) {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
}

/**
 * Ids from `Name.N` parameters, each checked for its prefix; a malformed one is
 * `{Kind}.Malformed` with EC2's own `Invalid id: "…"` message.
 */
export function idList(params: QueryParams, name: string, prefix: string, malformedCode: string): string[] {
  const ids = params.list(name);
  for (const id of ids) {
    if (!isEc2Id(id, prefix))
      throw new AwsError(malformedCode, `Invalid id: "${id}" (expecting "${prefix}-...")`);
  }
  return ids;
}

/** Looks every id up; the missing ones make one NotFound error naming them all, as EC2 does. */
export function lookupAll<T>(
  ids: readonly string[],
  get: (id: string) => T | undefined,
  notFound: (missing: string[]) => AwsError,
): T[] {
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const item = get(id);
    if (item === undefined) missing.push(id);
    else found.push(item);
  }
  if (missing.length > 0) throw notFound(missing);
  return found;
}

/** How a paginated Describe call names records by id: `VpcId.N` of `vpc-…` ids, and so on. */
export interface IdSelection<T> {
  /** The parameter stem: `VpcId` for `VpcId.N`. */
  param: string;
  /** The id prefix: `vpc`. */
  prefix: string;
  /** The code of a malformed id: `InvalidVpcID.Malformed`. */
  malformed: string;
  /** The list's name in the MaxResults refusal: `vpcIds`. */
  listName: string;
  get(id: string): T | undefined;
  notFound(missing: string[]): AwsError;
  /** Every record, when no id is given. */
  all(): T[];
}

/**
 * The records a paginated Describe call starts from, checked the way EC2 checks them: malformed
 * ids, ids with MaxResults, DryRun, then every missing id in one NotFound; without ids, all.
 */
export function selectByIds<T>(params: QueryParams, selection: IdSelection<T>): T[] {
  const ids = idList(params, selection.param, selection.prefix, selection.malformed);
  refuseIdsWithMaxResults(params, ids, selection.listName);
  checkDryRun(params);
  return ids.length > 0 ? lookupAll([...new Set(ids)], selection.get, selection.notFound) : selection.all();
}

/** `The instance ID 'i-1' does not exist` / `The instance IDs 'i-1, i-2' do not exist`. */
export function idsNotFound(code: string, noun: string, missing: readonly string[]): AwsError {
  return missing.length === 1
    ? new AwsError(code, `The ${noun} ID '${missing[0]}' does not exist`)
    : new AwsError(code, `The ${noun} IDs '${missing.join(', ')}' do not exist`);
}

export interface PageLimits {
  min: number;
  max: number;
}

/**
 * Most items a Describe call returns without `MaxResults`. EC2 returns "everything" then, but
 * truncates huge results with a NextToken; so does the simulator past this many (a page of 10,000
 * instances is already ~40 MB of XML).
 */
const IMPLICIT_PAGE = 10_000;

/**
 * Pages a Describe* result by `MaxResults` / `NextToken` through core/paginate (so page-size
 * and empty-page faults apply). Without MaxResults EC2 returns everything in one page (up to
 * IMPLICIT_PAGE); below the minimum it is InvalidParameterValue; above the maximum EC2 returns a
 * maximum-sized page.
 */
export function pageOf<T>(
  call: AwsCall,
  all: readonly T[],
  limits: PageLimits = { min: 5, max: 1000 },
): Page<T> {
  const requested = call.params.int('MaxResults');
  if (requested !== undefined && requested < limits.min) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${requested} ) for parameter maxResults is invalid. Expecting a value greater than ${limits.min}.`,
    );
  }
  const token = call.params.get('NextToken') || undefined;
  const size = Math.max(1, Math.min(all.length, IMPLICIT_PAGE));
  return paginate(
    all,
    {
      token,
      requested,
      defaultSize: requested ?? size,
      maxSize: requested === undefined ? size : limits.max,
    },
    call.sim.faults.current.pagination,
  );
}

/** `MaxResults` with explicit ids is refused by EC2's paginated Describe calls. */
export function refuseIdsWithMaxResults(params: QueryParams, ids: readonly string[], listName: string): void {
  if (ids.length > 0 && params.get('MaxResults') !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      `The parameter ${listName} cannot be used with the parameter maxResults`,
    );
  }
}

/** `tagSet` items in insertion order. */
export function tagSet(tags: Tags): XmlList {
  return items(Object.entries(tags).map(([key, value]) => ({ key, value })));
}

/** `TagSpecification.N.ResourceType` + `.Tag.M.Key/Value`: the tags meant for `resourceType`. */
export function tagSpecifications(params: QueryParams, resourceType: string): Tags {
  const tags: Tags = {};
  for (const spec of params.structs('TagSpecification')) {
    const type = spec.get('ResourceType');
    if (type !== undefined && type !== resourceType) continue;
    for (const tag of spec.tags('Tag')) {
      validateTag(tag.key, tag.value ?? '');
      setTag(tags, tag.key, tag.value ?? '');
    }
  }
  return tags;
}

/** EC2's tag rules: keys up to 128 characters, values up to 256, no `aws:` prefix. */
export function validateTag(key: string, value: string): void {
  if (key.length === 0 || key.length > 128) {
    throw new AwsError(
      'InvalidParameterValue',
      `Tag key must be between 1 and 128 characters: '${key.slice(0, 140)}'`,
    );
  }
  if (value.length > 256)
    throw new AwsError('InvalidParameterValue', 'Tag value exceeds the maximum length of 256 characters');
  if (key.toLowerCase().startsWith('aws:')) {
    throw new AwsError(
      'InvalidParameterValue',
      "Tag keys starting with 'aws:' are reserved for internal use",
    );
  }
}

/** `<return>true</return>`, the body of EC2's boolean results. */
export const RETURN_TRUE = { return: true } as const;
