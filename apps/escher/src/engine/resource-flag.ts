import { ATTRIBUTE_FLAGS, hasFlag, type AttributeFlag } from '@escher/knowledge';
import type { Resource } from '@escher/protocol';

const KNOWN: ReadonlySet<string> = new Set(ATTRIBUTE_FLAGS);

/**
 * A playbook flag (`preconditions.flags`, `verify.flags`) as the resource has it. Ontology flags
 * mean what search and `ask` mean by them: `public` is true for a security group open to the
 * world (`openToWorld`) or a cluster with a public endpoint (`endpointPublic`), not only where an
 * attribute is literally named `public` — so "restrict the public firewalls" acts on, and then
 * verifies, what the user was shown. Other names read the attribute as it is.
 */
export function flagValue(resource: Resource, flag: string): unknown {
  return KNOWN.has(flag) ? hasFlag(resource, flag as AttributeFlag) : resource.attributes[flag];
}
