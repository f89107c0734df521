/** Kms state of one account and region. (Placeholder: the kms work defines the records.) */
export interface KmsState {
  ids: Set<string>;
}

export function emptyKmsState(): KmsState {
  return { ids: new Set() };
}
