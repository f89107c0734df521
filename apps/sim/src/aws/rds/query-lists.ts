import type { QueryParams } from '../protocol/query-params.ts';

/**
 * RDS names its list members (`Filters.Filter.1.Name`, `Tags.Tag.1.Key`,
 * `VpcSecurityGroupIds.VpcSecurityGroupId.1`); older clients send `.member.`. Both are read.
 */
export function rdsList(params: QueryParams, prefix: string, member: string): string[] {
  const named = params.list(`${prefix}.${member}`);
  return named.length ? named : params.members(prefix);
}

export function rdsStructs(params: QueryParams, prefix: string, member: string): QueryParams[] {
  const named = params.structs(`${prefix}.${member}`);
  return named.length ? named : params.structs(`${prefix}.member`);
}

/** `Filters.Filter.N.Name` + `Filters.Filter.N.Values.Value.M`. */
export function rdsFilters(params: QueryParams): { name: string; values: string[] }[] {
  return rdsStructs(params, 'Filters', 'Filter').map((f) => ({
    name: f.require('Name'),
    values: rdsList(f, 'Values', 'Value'),
  }));
}

/** `Tags.Tag.N.Key` / `.Value`. */
export function rdsTags(params: QueryParams): { key: string; value: string }[] {
  return rdsStructs(params, 'Tags', 'Tag').map((t) => ({
    key: t.require('Key'),
    value: t.get('Value') ?? '',
  }));
}
