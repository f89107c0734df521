import { UserError, type Resource } from '@escher/protocol';

/** The parts of an ARM resource id that the SDKs take as separate path parameters. */
export interface ArmTarget {
  /** The id as given (ARM casing). */
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  /** `Microsoft.Compute/virtualMachines` (child types as `…/servers/databases`). */
  armType: string;
  name: string;
  /** For child resources: the parent's name (`virtualNetworks/{parent}/subnets/{name}`). */
  parentName?: string | undefined;
}

const SUBSCRIPTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ARM's resource group characters: letters, digits, `._-()`, not ending in a period. */
const GROUP = /^[\p{L}\p{N}._()-]{1,90}$/u;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9.]{1,100}$/;
const TYPE_SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,100}$/;
/**
 * A resource name segment. Names reach SDK path parameters and, for tags at scope and
 * get-by-id, a `scope`/`resourceId` the SDKs put into the URL unencoded, so anything that could
 * change the URL's shape (separators, query, fragment, escapes, dot segments, control or space
 * characters) is refused rather than escaped.
 */
const NAME = /^(?!\.{1,2}$)[^/?#%\\\s\p{C}]{1,260}$/u;

function invalid(id: string, why: string): UserError {
  return new UserError(
    'azure-invalid-resource-id',
    `Not an Azure resource id (${why}): ${JSON.stringify(id)}`,
    {
      hint: 'Use the resource id exactly as Escher stored it: /subscriptions/{id}/resourceGroups/{group}/providers/{Namespace}/{type}/{name}',
    },
  );
}

/**
 * Parses and checks an ARM resource id: `/subscriptions/{guid}/resourceGroups/{group}/providers/
 * {Namespace}/{type}/{name}[/{childType}/{childName}]`. Resource ids come from the store and are
 * treated as untrusted text: only ids whose every segment is what ARM allows pass.
 */
export function parseArmId(id: string): ArmTarget {
  const parts = id.split('/');
  if (parts[0] !== '' || parts[1]?.toLowerCase() !== 'subscriptions')
    throw invalid(id, 'no /subscriptions/ prefix');
  const [, , subscriptionId = '', groups = '', resourceGroup = '', providers = '', namespace = '', ...rest] =
    parts;
  if (!SUBSCRIPTION.test(subscriptionId)) throw invalid(id, 'subscription is not a GUID');
  if (groups.toLowerCase() !== 'resourcegroups' || !GROUP.test(resourceGroup) || resourceGroup.endsWith('.'))
    throw invalid(id, 'bad resource group');
  if (providers.toLowerCase() !== 'providers' || !NAMESPACE.test(namespace))
    throw invalid(id, 'bad provider namespace');
  if (rest.length < 2 || rest.length > 4 || rest.length % 2 !== 0)
    throw invalid(id, 'expected type/name pairs');
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (!TYPE_SEGMENT.test(rest[i]!)) throw invalid(id, 'bad type segment');
    if (!NAME.test(rest[i + 1]!)) throw invalid(id, 'bad name segment');
    types.push(rest[i]!);
    names.push(rest[i + 1]!);
  }
  return {
    id,
    subscriptionId,
    resourceGroup,
    armType: `${namespace}/${types.join('/')}`,
    name: names[names.length - 1]!,
    parentName: names.length > 1 ? names[0] : undefined,
  };
}

/** Any Azure resource's ARM target (tags apply to every type). */
export function azureTargetOf(resource: Resource, operation: string): ArmTarget {
  if (resource.cloud !== 'azure')
    throw new UserError(
      'azure-wrong-cloud',
      `${operation}: ${resource.name} is a ${resource.cloud} resource`,
      {
        hint: 'Run the operation through the provider of the resource’s own cloud',
      },
    );
  return parseArmId(resource.nativeId);
}

/**
 * The ARM target of an operation, after checking the resource is an Azure one of a type the
 * operation handles (its `nativeType`, matched case-insensitively as ARM does).
 */
export function armTargetOf(resource: Resource, operation: string, armTypes: readonly string[]): ArmTarget {
  const target = azureTargetOf(resource, operation);
  if (!armTypes.some((t) => t.toLowerCase() === target.armType.toLowerCase()))
    throw new UserError(
      'azure-operation-unsupported',
      `${operation} does not apply to ${target.armType} (${resource.name})`,
      { hint: `On Azure it applies to ${armTypes.join(', ')}` },
    );
  return target;
}
