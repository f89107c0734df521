/** Lambda state of one account and region. (Placeholder: the lambda work defines the records.) */
export interface LambdaState {
  ids: Set<string>;
}

export function emptyLambdaState(): LambdaState {
  return { ids: new Set() };
}
