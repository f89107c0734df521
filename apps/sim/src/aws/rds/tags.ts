import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { setTag, tagList, type TagMap } from '../tagging/tags.ts';
import { rdsList, rdsTags } from './query-lists.ts';

/** The tags of the instance or snapshot an RDS ARN names. */
function tagsOf(call: AwsCall): TagMap {
  const arn = call.params.require('ResourceName');
  const m = /^arn:aws:rds:([^:]+):(\d{12}):(db|snapshot):(.+)$/.exec(arn);
  if (!m)
    throw new AwsError(
      'InvalidParameterValue',
      `The specified resource name does not match an RDS resource in this region.`,
    );
  const [, region, account, kind, id] = m;
  const rds = call.regionState.rds;
  if (kind === 'db') {
    const db = region === call.region && account === call.account.id ? rds.byId.get(id!) : undefined;
    if (!db) throw new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404);
    return db.tags;
  }
  const snapshot =
    region === call.region && account === call.account.id ? rds.snapshotsById.get(id!) : undefined;
  if (!snapshot) throw new AwsError('DBSnapshotNotFound', `DBSnapshot ${id} not found.`, 404);
  return snapshot.tags;
}

/** RDS ListTagsForResource → `<TagList><Tag>`. */
export const listTagsForResource: AwsOperation = {
  name: 'ListTagsForResource',
  handle: (call) => ({ TagList: xmlList('Tag', tagList(tagsOf(call))) }),
};

/** RDS AddTagsToResource (`Tags.Tag.N.Key/Value`): the tags stick. */
export const addTagsToResource: AwsOperation = {
  name: 'AddTagsToResource',
  mutating: true,
  handle: (call) => {
    const tags = tagsOf(call);
    for (const { key, value } of rdsTags(call.params)) setTag(tags, key, value);
    return undefined;
  },
};

/** RDS RemoveTagsFromResource (`TagKeys.member.N`). */
export const removeTagsFromResource: AwsOperation = {
  name: 'RemoveTagsFromResource',
  mutating: true,
  handle: (call) => {
    const tags = tagsOf(call);
    for (const key of rdsList(call.params, 'TagKeys', 'member')) delete tags[key];
    return undefined;
  },
};
