import type { SecurityRule } from '@azure/arm-network';
import { z } from 'zod';

const Prefixes = z.array(z.string().min(1).max(100)).max(4000);
const Groups = z.array(z.object({ id: z.string().min(1) })).max(10);

/**
 * An NSG security rule as a restrict removed it: every field ARM needs to create it again, and
 * nothing read-only (etag, provisioningState, id). Plain JSON, so it travels in an undo.
 */
export const SavedRule = z.object({
  name: z.string().regex(/^[^/?#%\\]{1,80}$/, 'a security rule name'),
  protocol: z.string().min(1).max(10),
  access: z.enum(['Allow', 'Deny']),
  direction: z.enum(['Inbound', 'Outbound']),
  priority: z.number().int().min(100).max(4096),
  description: z.string().max(140).optional(),
  sourcePortRange: z.string().optional(),
  sourcePortRanges: Prefixes.optional(),
  destinationPortRange: z.string().optional(),
  destinationPortRanges: Prefixes.optional(),
  sourceAddressPrefix: z.string().optional(),
  sourceAddressPrefixes: Prefixes.optional(),
  destinationAddressPrefix: z.string().optional(),
  destinationAddressPrefixes: Prefixes.optional(),
  sourceApplicationSecurityGroups: Groups.optional(),
  destinationApplicationSecurityGroups: Groups.optional(),
});
export type SavedRule = z.infer<typeof SavedRule>;

const FIELDS = [
  'sourcePortRange',
  'destinationPortRange',
  'sourceAddressPrefix',
  'destinationAddressPrefix',
  'description',
] as const;
const LISTS = [
  'sourcePortRanges',
  'destinationPortRanges',
  'sourceAddressPrefixes',
  'destinationAddressPrefixes',
] as const;

/** What to keep of a rule ARM returned. Empty lists are left out: ARM rejects a rule with both a prefix and a non-empty prefix list, and an empty one says nothing. */
export function saveRule(rule: SecurityRule): SavedRule {
  const saved: SavedRule = {
    name: rule.name ?? '',
    protocol: rule.protocol ?? '*',
    access: rule.access as SavedRule['access'],
    direction: rule.direction as SavedRule['direction'],
    priority: rule.priority ?? 4096,
  };
  for (const field of FIELDS) if (rule[field]) saved[field] = rule[field];
  for (const list of LISTS) if (rule[list]?.length) saved[list] = [...rule[list]];
  const groups = (g: { id?: string }[] | undefined): { id: string }[] =>
    (g ?? []).filter((x): x is { id: string } => !!x.id).map((x) => ({ id: x.id }));
  if (rule.sourceApplicationSecurityGroups?.length)
    saved.sourceApplicationSecurityGroups = groups(rule.sourceApplicationSecurityGroups);
  if (rule.destinationApplicationSecurityGroups?.length)
    saved.destinationApplicationSecurityGroups = groups(rule.destinationApplicationSecurityGroups);
  return saved;
}

/** The SDK body that creates the saved rule again. */
export function ruleBody(saved: SavedRule): SecurityRule {
  const { name: _name, ...properties } = saved;
  return properties as SecurityRule;
}
