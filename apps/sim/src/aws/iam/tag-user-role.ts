import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { setTag, type TagMap } from '../tagging/tags.ts';
import { noSuchEntity } from './page.ts';
import type { IamState } from './state.ts';

const MAX_TAGS = 50;

type Kind = 'user' | 'role';

function tagsOf(iam: IamState, kind: Kind, params: QueryParams): TagMap {
  const name = params.require(kind === 'user' ? 'UserName' : 'RoleName');
  const entity = kind === 'user' ? iam.usersByName.get(name) : iam.rolesByName.get(name);
  if (!entity) throw noSuchEntity(`The ${kind} with name ${name} cannot be found.`);
  if (kind === 'role' && 'serviceLinked' in entity && entity.serviceLinked)
    throw new AwsError('InvalidInput', `Tags cannot be set on service-linked role ${name}.`);
  return entity.tags;
}

/** TagUser / TagRole: `Tags.member.N.Key/Value`, at most 50 tags per entity, no `aws:` keys. */
function tagOperation(kind: Kind, name: string): AwsOperation {
  return {
    name,
    mutating: true,
    handle: ({ params, account }) => {
      const tags = tagsOf(account.iam, kind, params);
      const pairs = params.tags('Tags.member');
      if (pairs.length === 0)
        throw new AwsError('MissingParameter', 'The request must contain the parameter Tags');
      for (const { key, value } of pairs) {
        if (key.length > 128 || (value ?? '').length > 256 || key.toLowerCase().startsWith('aws:'))
          throw new AwsError('InvalidInput', `Invalid tag: ${key.slice(0, 140)}`);
      }
      const after = new Set([...Object.keys(tags), ...pairs.map((p) => p.key)]);
      if (after.size > MAX_TAGS)
        throw new AwsError(
          'LimitExceeded',
          `The number of tags has reached the maximum limit of ${MAX_TAGS}.`,
          409,
        );
      for (const { key, value } of pairs) setTag(tags, key, value ?? '');
      return undefined;
    },
  };
}

/** UntagUser / UntagRole: `TagKeys.member.N`; keys the entity lacks are ignored. */
function untagOperation(kind: Kind, name: string): AwsOperation {
  return {
    name,
    mutating: true,
    handle: ({ params, account }) => {
      const tags = tagsOf(account.iam, kind, params);
      const keys = params.members('TagKeys');
      if (keys.length === 0)
        throw new AwsError('MissingParameter', 'The request must contain the parameter TagKeys');
      for (const key of keys) delete tags[key];
      return undefined;
    },
  };
}

export const tagUser = tagOperation('user', 'TagUser');
export const untagUser = untagOperation('user', 'UntagUser');
export const tagRole = tagOperation('role', 'TagRole');
export const untagRole = untagOperation('role', 'UntagRole');
