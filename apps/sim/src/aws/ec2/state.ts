/** Ec2 state of one account and region. (Placeholder: the ec2 work defines the records.) */
export interface Ec2State {
  ids: Set<string>;
}

export function emptyEc2State(): Ec2State {
  return { ids: new Set() };
}
