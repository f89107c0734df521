import { InvalidPageToken, paginate } from '../../core/paginate.ts';
import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { taggableResources, type Taggable } from './taggable.ts';
import { tagList } from './tags.ts';

const TYPE_FILTER = /^[a-z0-9-]+(:[a-z0-9-]+)?$/;

/**
 * Tagging API GetResources: this account and region's resources that carry at least one tag (as
 * AWS lists "tagged or previously tagged" resources), filtered by ResourceTypeFilters (`ec2`,
 * `ec2:instance`, `s3`, `rds:db`, …) and TagFilters (every filter's key present, with one of its
 * Values when given), paged by ResourcesPerPage (1–100) and PaginationToken ("" on the last page).
 */
export const getResources: AwsOperation = {
  name: 'GetResources',
  handle: (call) => {
    const { body } = call;
    const types = readStrings(body.ResourceTypeFilters, 'ResourceTypeFilters');
    for (const t of types) {
      if (!TYPE_FILTER.test(t))
        throw new AwsError('InvalidParameterException', `Unsupported resource type filter: ${t}`);
    }
    const tagFilters = readTagFilters(body.TagFilters);
    if (body.ResourceARNList !== undefined && (types.length || tagFilters.length)) {
      throw new AwsError(
        'InvalidParameterException',
        'ResourceARNList cannot be combined with ResourceTypeFilters or TagFilters',
      );
    }
    const arns =
      body.ResourceARNList === undefined
        ? undefined
        : new Set(readStrings(body.ResourceARNList, 'ResourceARNList'));
    const perPage = body.ResourcesPerPage;
    if (
      perPage !== undefined &&
      (typeof perPage !== 'number' || !Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    ) {
      throw new AwsError('InvalidParameterException', 'ResourcesPerPage must be between 1 and 100');
    }
    const all = taggableResources(call.account, call.regionState, call.sim.clock).filter(
      (r) =>
        Object.keys(r.tags).length > 0 &&
        (arns === undefined || arns.has(r.arn)) &&
        (types.length === 0 || types.some((t) => typeMatches(t, r))) &&
        tagFilters.every(
          (f) =>
            Object.prototype.hasOwnProperty.call(r.tags, f.key) &&
            (f.values.length === 0 || f.values.includes(r.tags[f.key]!)),
        ),
    );
    const token =
      typeof body.PaginationToken === 'string' && body.PaginationToken !== ''
        ? body.PaginationToken
        : undefined;
    let page;
    try {
      page = paginate(
        all,
        { token, requested: perPage as number | undefined, defaultSize: 100, maxSize: 100 },
        call.sim.faults.current.pagination,
      );
    } catch (error) {
      if (error instanceof InvalidPageToken)
        throw new AwsError(
          'PaginationTokenExpiredException',
          'The pagination token is invalid or has expired',
        );
      throw error;
    }
    return {
      PaginationToken: page.nextToken ?? '',
      ResourceTagMappingList: page.items.map((r) => ({ ResourceARN: r.arn, Tags: tagList(r.tags) })),
    };
  },
};

function typeMatches(filter: string, r: Taggable): boolean {
  return filter.includes(':') ? r.type === filter : r.type === filter || r.type.startsWith(`${filter}:`);
}

function readStrings(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new AwsError('InvalidParameterException', `${field} must be a list of strings`);
  return value as string[];
}

function readTagFilters(value: unknown): { key: string; values: string[] }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AwsError('InvalidParameterException', 'TagFilters must be a list');
  if (value.length > 50)
    throw new AwsError('InvalidParameterException', 'At most 50 tag filters are allowed');
  return value.map((f: { Key?: unknown; Values?: unknown }) => {
    if (typeof f?.Key !== 'string' || !f.Key)
      throw new AwsError('InvalidParameterException', 'Each TagFilter needs a Key');
    return { key: f.Key, values: readStrings(f.Values, 'TagFilters.Values') };
  });
}
