/** Rds state of one account and region. (Placeholder: the rds work defines the records.) */
export interface RdsState {
  ids: Set<string>;
}

export function emptyRdsState(): RdsState {
  return { ids: new Set() };
}
