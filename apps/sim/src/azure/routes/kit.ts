import type { SimResponse } from '../../core/http.ts';
import { AzureError, invalidContent } from '../arm/errors.ts';
import { jsonBody, listPage, ok, requireResource, scoped, type ArmRequest } from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { resourcesOfType } from '../estate.ts';
import type { ArmType, ResourceOf } from '../records.ts';

export const SUB = '/subscriptions/{subscriptionId}';
export const RG = `${SUB}/resourceGroups/{resourceGroupName}`;

export interface ResourceRoutesSpec<K extends ArmType> {
  service: string;
  type: K;
  /** Operation group name as the SDKs call it: virtualMachines, networkSecurityGroups, … */
  group: string;
  render(rc: ArmRequest, r: ResourceOf<K>): unknown;
  /** Operation names for list-in-subscription / list-in-group (defaults: list / listByResourceGroup). */
  names?: { listAll?: string; list?: string };
  /** Leave out the generic `PATCH {tags}` (the kind defines its own PATCH). */
  customPatch?: boolean;
}

/** List in subscription, list in group, get, and PATCH tags for one resource type. */
export function resourceRoutes<K extends ArmType>(spec: ResourceRoutesSpec<K>): ArmRoute[] {
  const collection = `${RG}/providers/${spec.type}`;
  const list = (rc: ArmRequest): SimResponse =>
    listPage(rc, scoped(rc, resourcesOfType(rc.az, spec.type)), (r) => spec.render(rc, r));
  const routes: ArmRoute[] = [
    {
      method: 'GET',
      path: `${SUB}/providers/${spec.type}`,
      service: spec.service,
      operation: `${spec.group}.${spec.names?.listAll ?? 'list'}`,
      handle: list,
    },
    {
      method: 'GET',
      path: collection,
      service: spec.service,
      operation: `${spec.group}.${spec.names?.list ?? 'listByResourceGroup'}`,
      handle: list,
    },
    {
      method: 'GET',
      path: `${collection}/{name}`,
      service: spec.service,
      operation: `${spec.group}.get`,
      handle: (rc) => ok(spec.render(rc, requireResource(rc, spec.type))),
    },
  ];
  if (!spec.customPatch) {
    routes.push({
      method: 'PATCH',
      path: `${collection}/{name}`,
      service: spec.service,
      operation: `${spec.group}.updateTags`,
      handle: (rc) => {
        const r = requireResource(rc, spec.type);
        const body = jsonBody(rc);
        if (body['tags'] !== undefined) r.tags = parseTags(body['tags']);
        return ok(spec.render(rc, r));
      },
    });
  }
  return routes;
}

/** Validates a tags object the way ARM does: string values, at most 50 tags. */
export function parseTags(value: unknown): Record<string, string> {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidContent(
      `Error converting value to type 'System.Collections.Generic.Dictionary\`2[System.String,System.String]'. Path 'tags'`,
    );
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw invalidContent(`Unexpected character encountered while parsing value: {. Path 'tags.${k}'`);
    }
    if (k.length > 512 || String(v).length > 256 || /[<>%&\\?/]/.test(k)) {
      throw new AzureError(
        400,
        'InvalidTagNameCharacters',
        `The tag names '${k}' have reserved characters '<,>,%,&,\\,?,/' or control characters.`,
      );
    }
    tags[k] = String(v);
  }
  if (Object.keys(tags).length > 50)
    throw new AzureError(400, 'InvalidTagCount', 'The number of tags on a resource cannot exceed 50.');
  return tags;
}
