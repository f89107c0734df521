/**
 * The text fields of a resource document, each a space-separated list of words (accents folded,
 * case kept, de-duplicated within the field ignoring case). Index them with `analyze` from this
 * package so that query terms and document terms split the same way (`DBInstance` → db instance).
 */
export const DOCUMENT_FIELDS = [
  'name',
  'type',
  'service',
  'engine',
  'region',
  'environment',
  'cloud',
  'state',
  'tags',
  'attributes',
  'related',
  'account',
] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/**
 * Suggested BM25 field weights (boosts), and why:
 * - `name` 3 — what users remember and type first ("payments api");
 * - `type`, `service`, `engine` 2 — the concept words ("database", "RDS", "postgres") that make
 *   cross-cloud search work;
 * - `tags`, `region`, `environment` 1.5 — team/owner/app words, place names, prod/staging words;
 * - `attributes`, `state`, `cloud` 1 — "public", "unencrypted", "running", "aws": usually also
 *   filters, so text adds little;
 * - `related`, `account` 0.5 — other clouds' names for the same type (an RDS search should still
 *   reach Cloud SQL, behind RDS), and the account id.
 */
export const DOCUMENT_FIELD_WEIGHTS: Readonly<Record<DocumentField, number>> = {
  name: 3,
  type: 2,
  service: 2,
  engine: 2,
  region: 1.5,
  environment: 1.5,
  tags: 1.5,
  attributes: 1,
  state: 1,
  cloud: 1,
  related: 0.5,
  account: 0.5,
};

/** Longest tag value kept in a document: enormous values (imported blobs) must not swamp the index. */
export const MAX_TAG_VALUE_CHARS = 256;
/** Longest `tags` field kept, in characters. */
export const MAX_TAGS_FIELD_CHARS = 4096;
