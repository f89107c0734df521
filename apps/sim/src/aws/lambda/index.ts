import type { AwsService } from '../operation.ts';
import { getFunction } from './get-function.ts';
import { listFunctions } from './list-functions.ts';
import { listTags, tagResource, untagResource } from './tags.ts';

/** AWS Lambda (restJson1). */
export const LAMBDA_SERVICE: AwsService = {
  signingName: 'lambda',
  protocol: 'rest-json',
  routes: [
    { method: 'GET', path: '/2015-03-31/functions', operation: listFunctions },
    { method: 'GET', path: '/2015-03-31/functions/{FunctionName}', operation: getFunction },
    { method: 'GET', path: '/2017-03-31/tags/{ARN}', operation: listTags },
    { method: 'POST', path: '/2017-03-31/tags/{ARN}', operation: tagResource },
    { method: 'DELETE', path: '/2017-03-31/tags/{ARN}', operation: untagResource },
  ],
};
