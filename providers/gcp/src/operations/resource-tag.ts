import { RESOURCE_TYPES } from '@escher/protocol';
import { z } from 'zod';
import { defineOperation } from './core/define.ts';
import { changeLabels } from './labels/label-operation.ts';

/**
 * `resource.tag`: sets GCP labels (`tags`) and optionally removes others (`removeKeys`, used by
 * the undo of a tag that both overwrote and added keys), through each type's own labels API. GCP
 * label keys and values are lower-case only; anything else is refused before a call is made.
 * Undo: the old values of overwritten keys and removal of added ones.
 */
export const resourceTag = defineOperation({
  id: 'resource.tag',
  // Every type: the ones without labels get a clear refusal rather than a wrong-target error.
  types: RESOURCE_TYPES,
  params: z
    .object({
      tags: z.record(z.string(), z.string()),
      removeKeys: z.array(z.string()).optional(),
    })
    .strict()
    .refine(
      (p) => Object.keys(p.tags).length > 0 || (p.removeKeys?.length ?? 0) > 0,
      'tags must name at least one label',
    ),
  run: (input) => changeLabels(input, input.params.tags, input.params.removeKeys ?? []),
});
