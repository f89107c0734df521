import type { CoreField, FilterField } from './filter.types.ts';

const CORE_ALIASES: Readonly<Record<string, CoreField>> = {
  cloud: 'cloud',
  provider: 'cloud',
  type: 'type',
  kind: 'type',
  resourcetype: 'type',
  'resource-type': 'type',
  region: 'region',
  location: 'region',
  zone: 'zone',
  az: 'zone',
  'availability-zone': 'zone',
  env: 'environment',
  environment: 'environment',
  state: 'state',
  status: 'state',
  account: 'account',
  accountid: 'account',
  subscription: 'account',
  project: 'account',
  name: 'name',
  id: 'id',
  nativeid: 'id',
  arn: 'id',
  nativetype: 'nativeType',
  'native-type': 'nativeType',
  engine: 'engine',
  cost: 'cost',
  costmonthly: 'cost',
  'monthly-cost': 'cost',
  created: 'createdAt',
  createdat: 'createdAt',
};

const TAG_PREFIXES = ['tag.', 'tags.', 'label.', 'labels.'];
const ATTRIBUTE_PREFIXES = ['attributes.', 'attribute.', 'attr.', 'attrs.'];

/** Field names that are not fields: they introduce a flag (`is:public`). */
export const FLAG_FIELDS: ReadonlySet<string> = new Set(['is', 'has']);

/** Field names after which `:` introduces a tag key (`tag:owner`). */
export const TAG_FIELDS: ReadonlySet<string> = new Set(['tag', 'tags', 'label', 'labels']);

/**
 * What a field name written in a filter refers to: a core field by name or alias (`env`,
 * `subscription`, `cost`), `tag.KEY`, `attributes.PATH` (also `attr.`), `size` (the `size`
 * attribute), or else a key looked up in tags, then attributes.
 */
export function resolveField(name: string): FilterField {
  const lower = name.toLowerCase();
  const core = CORE_ALIASES[lower];
  if (core) return { kind: 'core', name: core };
  for (const prefix of TAG_PREFIXES) {
    if (lower.startsWith(prefix) && name.length > prefix.length)
      return { kind: 'tag', key: name.slice(prefix.length) };
  }
  for (const prefix of ATTRIBUTE_PREFIXES) {
    if (lower.startsWith(prefix) && name.length > prefix.length) {
      return { kind: 'attribute', path: name.slice(prefix.length) };
    }
  }
  if (lower === 'size') return { kind: 'attribute', path: 'size' };
  return { kind: 'key', key: name };
}

/** How a field is written back in canonical filter syntax. */
export function fieldName(field: FilterField): string {
  switch (field.kind) {
    case 'core':
      return field.name === 'environment' ? 'env' : field.name;
    case 'tag':
      return /^[\w.-]+$/.test(field.key)
        ? `tag:${field.key}`
        : `tag:"${field.key.replace(/["\\]/g, '\\$&')}"`;
    case 'attribute':
      return `attributes.${field.path}`;
    case 'key':
      return field.key;
  }
}
