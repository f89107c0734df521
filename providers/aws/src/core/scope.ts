/** Where a record was found: normalisers build ARNs and relationships from it. */
export interface RecordScope {
  account: string;
  region: string;
}
