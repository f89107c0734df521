import type { Resource } from '@escher/protocol';
import { ATTRIBUTE_FLAGS, FLAG_SYNONYMS, hasFlag } from '../ontology/flags.ts';

/** Attributes whose value is itself a useful word (`t3.micro`, `python3.12`, `windows`, `Premium_LRS`). */
const WORD_ATTRIBUTES = [
  'size',
  'runtime',
  'platform',
  'tier',
  'storageClass',
  'storageType',
  'diskType',
  'volumeType',
  'scheme',
  'lbType',
  'osType',
  'kind',
  'accessTier',
  'releaseChannel',
];

/** Misconfiguration words of SPEC section 6, as attribute facts, so "no backup" or "open ssh" find them. */
const FACTS: readonly { test: (a: Record<string, unknown>) => boolean; words: string }[] = [
  { test: (a) => a['openSsh'] === true, words: 'open-ssh ssh port 22 open to the world' },
  { test: (a) => a['openRdp'] === true, words: 'open-rdp rdp port 3389 open to the world' },
  { test: (a) => a['openAll'] === true, words: 'open-all all ports open to the world' },
  { test: (a) => a['backupEnabled'] === false, words: 'no-backup no backups backup disabled' },
  {
    test: (a) => a['versioning'] === 'Disabled' || a['versioningEnabled'] === false,
    words: 'no-versioning versioning disabled',
  },
  { test: (a) => a['mfaEnabled'] === false, words: 'no-mfa without mfa' },
  { test: (a) => a['rotationEnabled'] === false, words: 'no-rotation rotation disabled' },
  { test: (a) => a['runtimeDeprecated'] === true, words: 'deprecated runtime end of support' },
  {
    test: (a) => a['multiAz'] === true || a['highAvailability'] === true,
    words: 'highly available ha multi-az',
  },
  { test: (a) => a['deletionProtection'] === true, words: 'deletion protection' },
  {
    test: (a) => a['customerManaged'] === true || a['customerManagedKey'] === true,
    words: 'customer-managed cmk',
  },
  { test: (a) => a['preemptible'] === true || a['lifecycle'] === 'spot', words: 'spot preemptible' },
];

/** The words that describe a resource's attributes: its flags with their synonyms, key values, facts. */
export function attributeWords(resource: Resource): string[] {
  const words: string[] = [];
  for (const flag of ATTRIBUTE_FLAGS) {
    if (hasFlag(resource, flag)) words.push(flag, ...FLAG_SYNONYMS[flag].strong);
  }
  const a = resource.attributes;
  for (const key of WORD_ATTRIBUTES) {
    const value = a[key];
    if (typeof value === 'string' && value.length <= 64) words.push(value);
  }
  for (const fact of FACTS) if (fact.test(a)) words.push(fact.words);
  return words;
}
