import { operationParams, RESOURCE_TYPES } from '@escher/protocol';
import { defineOperation } from './core/define.ts';
import { changeLabels } from './labels/label-operation.ts';

/**
 * `resource.tag`: sets GCP labels (`tags`) and optionally removes others (`remove`, used by
 * the undo of a tag that both overwrote and added keys), through each type's own labels API. GCP
 * label keys and values are lower-case only; anything else is refused before a call is made.
 * Undo: the old values of overwritten keys and removal of added ones.
 */
export const resourceTag = defineOperation({
  id: 'resource.tag',
  // Every type: the ones without labels get a clear refusal rather than a wrong-target error.
  types: RESOURCE_TYPES,
  params: operationParams('resource.tag'),
  run: (input) => changeLabels(input, input.params.tags, input.params.remove ?? []),
});
