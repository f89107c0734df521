/** Iam state of one account. (Placeholder: the iam work defines the records.) */
export interface IamState {
  ids: Set<string>;
}

export function emptyIamState(): IamState {
  return { ids: new Set() };
}
