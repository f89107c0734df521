import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { checkDryRun, RETURN_TRUE, validateTag } from './ec2-request.ts';
import { setTag } from './state.ts';
import { resourceIds, tagsOfResource } from './tag-targets.ts';

/** Most tags one EC2 resource may carry. */
const MAX_TAGS = 50;

/** CreateTags: `ResourceId.N` of any kind, `Tag.N.Key` / `Tag.N.Value`; existing keys are overwritten. */
export const createTags: AwsOperation = {
  name: 'CreateTags',
  mutating: true,
  handle: ({ params, regionState, sim }) => {
    const ids = resourceIds(params);
    const tags = params.tags('Tag');
    if (tags.length === 0)
      throw new AwsError('MissingParameter', 'The request must contain the parameter tagSet');
    for (const t of tags) validateTag(t.key, t.value ?? '');
    const targets = ids.map((id) => tagsOfResource(regionState.ec2, id, sim.clock));
    for (const target of targets) {
      const keys = new Set([...Object.keys(target), ...tags.map((t) => t.key)]);
      if (keys.size > MAX_TAGS)
        throw new AwsError('TagLimitExceeded', `The maximum number of Tags for a resource is ${MAX_TAGS}.`);
    }
    checkDryRun(params);
    for (const target of targets) for (const t of tags) setTag(target, t.key, t.value ?? '');
    return RETURN_TRUE;
  },
};
