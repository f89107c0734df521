import type { SimResponse } from '../../core/http.ts';
import { AzureError, groupNotFound } from '../arm/errors.ts';
import { getOperation } from '../arm/lro.ts';
import {
  jsonBody,
  listPage,
  ok,
  requireGroup,
  requireSubscription,
  scoped,
  type ArmRequest,
} from '../arm/request.ts';
import type { ArmRoute } from '../arm/router.ts';
import { allResources, findGroup, findResource, findSubscription } from '../estate.ts';
import { AZURE_REGIONS } from '../gen/groups.ts';
import type { AnyResource, ResourceGroupRecord } from '../records.ts';
import { regionDisplay } from '../render/common.ts';
import { renderGeneric, renderGroup, renderSubscription } from '../render/resources.ts';
import { parseTags, RG, SUB } from './kit.ts';

/** Call-log service of a provider namespace (Microsoft.Compute → compute). */
export function serviceOfNamespace(namespace: string): string {
  const ns = namespace.toLowerCase().replace(/^microsoft\./, '');
  return ns === 'resources' ? 'resources' : ns;
}

interface Filter {
  test(r: AnyResource): boolean;
}

/**
 * The generic resources API's `$filter`: `resourceType eq '…'`, `location eq '…'`, `name eq '…'`,
 * `resourceGroup eq '…'`, `tagName eq 'k' and tagValue eq 'v'`, `substringof('x', name)`, joined by
 * `and` / `or`.
 */
function parseFilter(text: string | null): Filter {
  if (!text) return { test: () => true };
  const orParts = text.split(/\s+or\s+/i);
  const groups = orParts.map((part) => {
    const terms = part.split(/\s+and\s+/i).map((t) => t.trim().replace(/^\(+|\)+$/g, ''));
    let tagName: string | undefined;
    let tagValue: string | undefined;
    const checks: ((r: AnyResource) => boolean)[] = [];
    for (const term of terms) {
      const eq = /^(\w+)\s+eq\s+'([^']*)'$/i.exec(term);
      const sub = /^substringof\('([^']*)',\s*name\)$/i.exec(term);
      if (sub) {
        const needle = sub[1]!.toLowerCase();
        checks.push((r) => r.name.toLowerCase().includes(needle));
        continue;
      }
      if (!eq)
        throw new AzureError(
          400,
          'InvalidFilterInQueryString',
          `Invalid $filter '${text}' specified in the query string.`,
        );
      const [, field, value] = eq;
      const v = value!.toLowerCase();
      switch (field!.toLowerCase()) {
        case 'resourcetype':
          checks.push((r) => r.type.toLowerCase() === v);
          break;
        case 'location':
          checks.push((r) => r.location === v);
          break;
        case 'name':
          checks.push((r) => r.name.toLowerCase() === v);
          break;
        case 'resourcegroup':
          checks.push((r) => r.resourceGroup.toLowerCase() === v);
          break;
        case 'tagname':
          tagName = value;
          break;
        case 'tagvalue':
          tagValue = value;
          break;
        default:
          throw new AzureError(
            400,
            'InvalidFilterInQueryString',
            `Invalid $filter '${text}' specified in the query string.`,
          );
      }
    }
    if (tagName !== undefined) {
      const key = tagName.toLowerCase();
      checks.push((r) =>
        Object.entries(r.tags).some(
          ([k, val]) => k.toLowerCase() === key && (tagValue === undefined || val === tagValue),
        ),
      );
    }
    return (r: AnyResource): boolean => checks.every((c) => c(r));
  });
  return { test: (r) => groups.some((g) => g(r)) };
}

function listResources(rc: ArmRequest): SimResponse {
  const filter = parseFilter(rc.req.query.get('$filter'));
  const expand = (rc.req.query.get('$expand') ?? '').length > 0;
  const items = scoped(rc, allResources(rc.az)).filter((r) => filter.test(r));
  return listPage(rc, items, (r) => renderGeneric(rc.az, r, rc.ctx.clock, expand));
}

function listGroups(rc: ArmRequest): SimResponse {
  const sub = requireSubscription(rc);
  return listPage(
    rc,
    rc.az.resourceGroups.filter((g) => g.subscriptionId === sub.subscriptionId),
    renderGroup,
  );
}

function locations(rc: ArmRequest): SimResponse {
  const sub = requireSubscription(rc);
  return ok({
    value: AZURE_REGIONS.map((name) => ({
      id: `/subscriptions/${sub.subscriptionId}/locations/${name}`,
      name,
      type: 'Region',
      displayName: regionDisplay(name),
      regionalDisplayName: regionDisplay(name),
      metadata: { regionType: 'Physical', regionCategory: 'Recommended' },
    })),
  });
}

/** What `/{scope}/providers/Microsoft.Resources/tags/default` refers to: a resource or a group. */
function tagTarget(rc: ArmRequest): AnyResource | ResourceGroupRecord {
  const scope = rc.params['scope'] ?? '';
  const resource = findResource(rc.az, scope);
  if (resource) return resource;
  const m = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)$/i.exec(scope);
  if (m) {
    if (!findSubscription(rc.az, m[1]!))
      throw new AzureError(404, 'SubscriptionNotFound', `The subscription '${m[1]}' could not be found.`);
    const group = findGroup(rc.az, m[1]!, m[2]!);
    if (!group) throw groupNotFound(m[2]!);
    return group;
  }
  const parts = scope.split('/');
  throw new AzureError(
    404,
    'ResourceNotFound',
    `The Resource '${parts.slice(-2).join('/')}' under resource group '${parts[4] ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

function tagsResource(rc: ArmRequest, tags: Record<string, string>): SimResponse {
  return ok({
    id: `${rc.params['scope']}/providers/Microsoft.Resources/tags/default`,
    name: 'default',
    type: 'Microsoft.Resources/tags',
    properties: { tags },
  });
}

function tagsBody(rc: ArmRequest): { operation: string; tags: Record<string, string> } {
  const body = jsonBody(rc);
  const properties = body['properties'];
  const raw =
    typeof properties === 'object' && properties !== null
      ? (properties as Record<string, unknown>)['tags']
      : undefined;
  return { operation: String(body['operation'] ?? 'Replace'), tags: parseTags(raw ?? {}) };
}

function updateTags(rc: ArmRequest, replaceOnly: boolean): SimResponse {
  const target = tagTarget(rc);
  const { operation, tags } = tagsBody(rc);
  const op = replaceOnly ? 'replace' : operation.toLowerCase();
  if (op === 'merge') target.tags = { ...target.tags, ...tags };
  else if (op === 'replace') target.tags = tags;
  else if (op === 'delete') {
    const next = { ...target.tags };
    for (const [k, v] of Object.entries(tags)) if (next[k] === v || v === '') delete next[k];
    target.tags = next;
  } else
    throw new AzureError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: 'Requested value '${operation}' was not found. Path 'operation'.'.`,
    );
  return tagsResource(rc, target.tags);
}

function operationService(params: Record<string, string>): string {
  return serviceOfNamespace(params['namespace'] ?? 'resources');
}

export const resourceRoutes: ArmRoute[] = [
  {
    method: 'GET',
    path: '/subscriptions',
    service: 'resources',
    operation: 'subscriptions.list',
    handle: (rc) => listPage(rc, rc.az.subscriptions, renderSubscription),
  },
  {
    method: 'GET',
    path: SUB,
    service: 'resources',
    operation: 'subscriptions.get',
    handle: (rc) => ok(renderSubscription(requireSubscription(rc))),
  },
  {
    method: 'GET',
    path: `${SUB}/locations`,
    service: 'resources',
    operation: 'subscriptions.listLocations',
    handle: locations,
  },
  {
    method: 'GET',
    path: '/tenants',
    service: 'resources',
    operation: 'tenants.list',
    handle: (rc) =>
      ok({
        value: [
          {
            id: `/tenants/${rc.az.tenantId}`,
            tenantId: rc.az.tenantId,
            tenantCategory: 'Home',
            displayName: 'Contoso',
            defaultDomain: 'contoso.onmicrosoft.com',
          },
        ],
      }),
  },
  {
    method: 'GET',
    path: `${SUB}/resourcegroups`,
    service: 'resources',
    operation: 'resourceGroups.list',
    handle: listGroups,
  },
  {
    method: 'GET',
    path: RG,
    service: 'resources',
    operation: 'resourceGroups.get',
    handle: (rc) => ok(renderGroup(requireGroup(rc))),
  },
  {
    method: 'GET',
    path: `${SUB}/resources`,
    service: 'resources',
    operation: 'resources.list',
    handle: listResources,
  },
  {
    method: 'GET',
    path: `${RG}/resources`,
    service: 'resources',
    operation: 'resources.listByResourceGroup',
    handle: listResources,
  },
  {
    method: 'GET',
    path: '{*scope}/providers/Microsoft.Resources/tags/default',
    service: 'resources',
    operation: 'tagsOperations.getAtScope',
    handle: (rc) => tagsResource(rc, tagTarget(rc).tags),
  },
  {
    method: 'PUT',
    path: '{*scope}/providers/Microsoft.Resources/tags/default',
    service: 'resources',
    operation: 'tagsOperations.createOrUpdateAtScope',
    handle: (rc) => updateTags(rc, true),
  },
  {
    method: 'PATCH',
    path: '{*scope}/providers/Microsoft.Resources/tags/default',
    service: 'resources',
    operation: 'tagsOperations.updateAtScope',
    handle: (rc) => updateTags(rc, false),
  },
  {
    method: 'DELETE',
    path: '{*scope}/providers/Microsoft.Resources/tags/default',
    service: 'resources',
    operation: 'tagsOperations.deleteAtScope',
    handle: (rc) => {
      tagTarget(rc).tags = {};
      return { status: 200, headers: { 'content-length': '0' }, body: '' };
    },
  },
  {
    method: 'GET',
    path: `${SUB}/providers/{namespace}/locations/{location}/{kind}/{operationId}`,
    service: operationService,
    operation: 'operations.get',
    handle: getOperation,
  },
];
