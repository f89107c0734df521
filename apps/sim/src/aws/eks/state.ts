/** Eks state of one account and region. (Placeholder: the eks work defines the records.) */
export interface EksState {
  ids: Set<string>;
}

export function emptyEksState(): EksState {
  return { ids: new Set() };
}
