import type { AwsOperation } from '../operation.ts';
import { checkDryRun, RETURN_TRUE } from './ec2-request.ts';
import { resourceIds, tagsOfResource } from './tag-targets.ts';

/**
 * DeleteTags: `ResourceId.N`, `Tag.N.Key` with an optional `Tag.N.Value` (then only a tag with
 * that value goes); without any `Tag.N`, every tag of the resources goes, as in EC2.
 */
export const deleteTags: AwsOperation = {
  name: 'DeleteTags',
  mutating: true,
  handle: ({ params, regionState, sim }) => {
    const ids = resourceIds(params);
    const tags = params.tags('Tag');
    const targets = ids.map((id) => tagsOfResource(regionState.ec2, id, sim.clock));
    checkDryRun(params);
    for (const target of targets) {
      if (tags.length === 0) {
        for (const key of Object.keys(target)) delete target[key];
        continue;
      }
      for (const t of tags) {
        if (!Object.hasOwn(target, t.key)) continue;
        if (t.value === undefined || target[t.key] === t.value) delete target[t.key];
      }
    }
    return RETURN_TRUE;
  },
};
