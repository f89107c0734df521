import type { TagMap } from '../tagging/tags.ts';

export interface KmsKey {
  id: string;
  arn: string;
  createdAt: number;
  description: string;
  manager: 'AWS' | 'CUSTOMER';
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  rotation: boolean;
  /** Days between automatic rotations when set by EnableKeyRotation (default 365). */
  rotationPeriodDays?: number | undefined;
  /** Set for keys pending deletion. */
  deletionDate?: number | undefined;
  tags: TagMap;
}

export interface KmsAlias {
  name: string;
  keyId: string;
  createdAt: number;
}

/** KMS state of one account and region. */
export interface KmsState {
  keys: KmsKey[];
  byId: Map<string, KmsKey>;
  /** By alias name (`alias/aws/rds`, `alias/payments-prod`). */
  aliases: Map<string, KmsAlias>;
}

export function emptyKmsState(): KmsState {
  return { keys: [], byId: new Map(), aliases: new Map() };
}
