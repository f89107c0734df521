import { operationParams, RESOURCE_TYPES } from '@escher/protocol';
import { defineOperation } from './core/define.ts';
import { changeLabels } from './labels/label-operation.ts';

/**
 * `resource.untag`: removes GCP labels by key (keys that are not there are ignored). Undo: the
 * removed labels with their old values.
 */
export const resourceUntag = defineOperation({
  id: 'resource.untag',
  // Every type: the ones without labels get a clear refusal rather than a wrong-target error.
  types: RESOURCE_TYPES,
  params: operationParams('resource.untag'),
  run: (input) => changeLabels(input, {}, input.params.keys),
});
