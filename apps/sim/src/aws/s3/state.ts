/** S3 state of one account. (Placeholder: the s3 work defines the records.) */
export interface S3State {
  ids: Set<string>;
}

export function emptyS3State(): S3State {
  return { ids: new Set() };
}
