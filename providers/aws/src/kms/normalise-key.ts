import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { Resource } from '@escher/protocol';
import { toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';

/** What discovery learnt about one key beyond ListKeys. */
export interface KeyDetails {
  arn: string;
  keyId: string;
  metadata?: KeyMetadata | undefined;
  aliases: string[];
  rotationEnabled?: boolean | undefined;
  tags: Record<string, string>;
}

/**
 * A KMS key as a `security.key`, named by its first alias (`alias/` dropped). AWS-managed keys
 * rotate every year by AWS's rule, so `rotationEnabled` is true for them; for customer keys it is
 * GetKeyRotationStatus (undefined when unreadable).
 */
export function normaliseKey(key: KeyDetails, scope: RecordScope): Resource {
  const { account, region } = scope;
  const m = key.metadata;
  const managed = m?.KeyManager === 'AWS';
  const alias = key.aliases[0];
  return toResource({
    arn: key.arn,
    account,
    region,
    type: 'security.key',
    nativeType: 'AWS::KMS::Key',
    name: alias ? alias.replace(/^alias\//, '') : key.keyId,
    state: m ? normaliseState('key', m.KeyState) : 'unknown',
    tags: key.tags,
    createdAt: m?.CreationDate,
    attributes: {
      keyId: key.keyId,
      nativeState: m?.KeyState,
      manager: m?.KeyManager,
      customerManaged: m ? !managed : undefined,
      enabled: m?.Enabled,
      rotationEnabled: managed ? true : key.rotationEnabled,
      keyUsage: m?.KeyUsage,
      keySpec: m?.KeySpec,
      origin: m?.Origin,
      multiRegion: m?.MultiRegion,
      aliases: key.aliases,
      description: m?.Description || undefined,
      deletionDate: m?.DeletionDate?.toISOString(),
    },
    relationships: [],
  });
}
