/** Elbv2 state of one account and region. (Placeholder: the elbv2 work defines the records.) */
export interface Elbv2State {
  ids: Set<string>;
}

export function emptyElbv2State(): Elbv2State {
  return { ids: new Set() };
}
