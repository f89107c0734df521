import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { setTag } from '../tagging/tags.ts';
import { findFunction, ok } from './function-view.ts';

function byArn(call: AwsCall) {
  const arn = call.pathParams.ARN ?? '';
  if (!arn.startsWith('arn:aws:lambda:'))
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'resource' failed to satisfy constraint`,
    );
  return findFunction(call, arn);
}

/** Lambda ListTags: `GET /2017-03-31/tags/{ARN}` → `{ Tags }`. */
export const listTags: AwsOperation = {
  name: 'ListTags',
  handle: (call) => ok({ Tags: byArn(call).tags }),
};

/** Lambda TagResource: `POST /2017-03-31/tags/{ARN}` with `{ Tags }`; answers 204. */
export const tagResource: AwsOperation = {
  name: 'TagResource',
  mutating: true,
  handle: (call) => {
    const fn = byArn(call);
    const tags = call.body.Tags;
    if (!tags || typeof tags !== 'object')
      throw new AwsError('InvalidParameterValueException', 'Tags are required');
    for (const [k, v] of Object.entries(tags as Record<string, unknown>)) setTag(fn.tags, k, String(v));
    return { status: 204 };
  },
};

/** Lambda UntagResource: `DELETE /2017-03-31/tags/{ARN}?tagKeys=a&tagKeys=b`; answers 204. */
export const untagResource: AwsOperation = {
  name: 'UntagResource',
  mutating: true,
  handle: (call) => {
    const fn = byArn(call);
    for (const key of call.req.query.getAll('tagKeys')) delete fn.tags[key];
    return { status: 204 };
  },
};
