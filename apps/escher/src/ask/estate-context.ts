import { lookupPhrase, splitIdentifier } from '@escher/knowledge';
import type { ContextSummary } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';

/** The context summary's caps (protocol/server/ask.schema.ts): more is refused by the server. */
const MAX_TAG_KEYS = 500;
const MAX_NAMES = 5_000;
const REGION_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;
const TAG_KEY = /^[\p{L}\p{N}_.:/=+\-@ ]{1,128}$/u;
/** Word n-grams up to this length are looked up as names ("payments api prod" is three words). */
const MAX_NAME_WORDS = 4;

/** Says whether a text holds a secret (the vault's redactor: known secrets and secret patterns). */
export type SecretTest = (text: string) => boolean;

/**
 * What may be said about the estate to the intelligence server (SPEC section 9, issue 6): counts
 * by type, cloud, region and environment, tag KEYS (never values), and only those resource
 * names and account ids the request itself mentions — so a name the user did not type never
 * leaves the machine, and the server still reads "stop payments-api" as a name. Anything the
 * secret test flags is left out, whatever it is.
 *
 * @example
 * const context = estateContext(store.database(), 'stop payments-api', (t) => redactor.redact(t) !== t);
 */
export function estateContext(db: SqliteDatabase, request: string, isSecret: SecretTest): ContextSummary {
  const { counts, tagKeys: keys, accounts } = cachedSummary(db);
  const summary: ContextSummary = {
    resourceCount: 0,
    types: {},
    clouds: {},
    regions: {},
    environments: {},
    tagKeys: keys.filter((k) => TAG_KEY.test(k) && !isSecret(k)),
    names: [],
    accounts: [],
  };
  const add = (bucket: Record<string, number>, key: string | null, n: number): void => {
    if (key) bucket[key] = (bucket[key] ?? 0) + n;
  };
  for (const row of counts) {
    summary.resourceCount += row.n;
    add(summary.types as Record<string, number>, row.type, row.n);
    add(summary.clouds as Record<string, number>, row.cloud, row.n);
    if (REGION_CODE.test(row.region)) add(summary.regions, row.region, row.n);
    add(summary.environments as Record<string, number>, row.environment, row.n);
  }
  const candidates = mentionCandidates(request);
  if (candidates.length > 0) {
    summary.names = mentionedNames(db, candidates)
      .filter((n) => n.length <= 256 && !isSecret(n))
      .slice(0, MAX_NAMES);
    const wanted = new Set(candidates);
    summary.accounts = accounts
      .filter((a) => wanted.has(a.toLowerCase()) && a.length <= 256 && !isSecret(a))
      .slice(0, 200);
  }
  return summary;
}

/** The summary's parts that need a scan of every row, kept until the estate changes. */
interface CachedSummary {
  counts: CountRow[];
  tagKeys: string[];
  accounts: string[];
}

/**
 * Counts, tag keys and accounts, computed once per change of the estate: every sync or import
 * that adds, changes or removes a resource writes a `resource_changes` row, so the newest id is
 * the estate's version. A question then costs an index lookup instead of full scans.
 */
function cachedSummary(db: SqliteDatabase): CachedSummary {
  const version =
    (db.prepare('SELECT max(id) AS v FROM resource_changes').get() as { v: number | null }).v ?? 0;
  const row = db.prepare('SELECT version, summary FROM ask_summary WHERE id = 1').get() as
    { version: number; summary: string } | undefined;
  if (row && row.version === version) return JSON.parse(row.summary) as CachedSummary;
  const summary: CachedSummary = {
    counts: countRows(db),
    tagKeys: tagKeys(db),
    accounts: (
      db.prepare('SELECT DISTINCT account FROM resources WHERE removed_at IS NULL LIMIT 1000').all() as {
        account: string;
      }[]
    ).map((r) => r.account),
  };
  db.prepare(
    `INSERT INTO ask_summary (id, version, summary) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, summary = excluded.summary`,
  ).run(version, JSON.stringify(summary));
  return summary;
}

interface CountRow {
  type: string;
  cloud: string;
  region: string;
  environment: string | null;
  n: number;
}

function countRows(db: SqliteDatabase): CountRow[] {
  return db
    .prepare(
      `SELECT type, cloud, region, environment, count(*) AS n FROM resources
       WHERE removed_at IS NULL GROUP BY type, cloud, region, environment`,
    )
    .all() as CountRow[];
}

function tagKeys(db: SqliteDatabase): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT j.key AS key FROM resources r, json_each(r.tags) j
       WHERE r.removed_at IS NULL ORDER BY j.key LIMIT ?`,
    )
    .all(MAX_TAG_KEYS * 2) as { key: string }[];
  return rows.map((r) => r.key).slice(0, MAX_TAG_KEYS);
}

/** The request's words and runs of words, lower-cased: what a mentioned name could be. */
export function mentionCandidates(request: string): string[] {
  const quoted = [...request.matchAll(/["'`“”‘’]([^"'`“”‘’]{1,256})["'`“”‘’]/g)].map((m) => m[1]!);
  const words = request
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  const out = new Set<string>(quoted.map((q) => q.toLowerCase()));
  for (let i = 0; i < words.length; i += 1) {
    for (let n = 1; n <= MAX_NAME_WORDS && i + n <= words.length; n += 1) {
      out.add(
        words
          .slice(i, i + n)
          .join(' ')
          .toLowerCase(),
      );
    }
  }
  return [...out].slice(0, 400);
}

/** Words that are never worth a name lookup on their own (they match half the estate). */
const STOPWORDS = new Set(
  'a an and any are all as at be by can do does for from have how i in is it me my of on or our please show that the them these this those to us we what which with you'.split(
    ' ',
  ),
);
/**
 * A word that can single out a name: not a stopword, not a number, not a word of the ontology
 * ("stop", "dev", "vms", "west"). A candidate of only such words would match half the estate.
 */
function distinctive(word: string): boolean {
  return word.length >= 3 && !/^\d+$/.test(word) && !STOPWORDS.has(word) && lookupPhrase(word).length === 0;
}

/** Index hits read back at most: a candidate matching more is a common word, not a name. */
const MAX_NAME_HITS = 20_000;

/**
 * Names of live resources equal (any case) to a candidate. The search index (`resource_search`,
 * already kept for `escher search`) narrows to rows whose name holds every word of a candidate;
 * equality is then checked on those rows only — no scan of the estate and no extra index to
 * slow ingest. Words that mean something on their own ("stop", "dev", "vms") are not looked up
 * alone.
 */
function mentionedNames(db: SqliteDatabase, candidates: readonly string[]): string[] {
  const wanted = new Set(candidates);
  const terms: string[] = [];
  for (const candidate of candidates) {
    const words = splitIdentifier(candidate);
    if (words.some(distinctive)) terms.push(`name : (${words.map((w) => `"${w}"`).join(' AND ')})`);
  }
  if (terms.length === 0) return [];
  try {
    const rows = db
      .prepare(
        `SELECT DISTINCT r.name AS v FROM resources r
         WHERE r.removed_at IS NULL
           AND r.rowid IN (SELECT rowid FROM resource_search WHERE resource_search MATCH ? LIMIT ?)`,
      )
      .all(terms.join(' OR '), MAX_NAME_HITS) as { v: string }[];
    return rows
      .map((r) => r.v)
      .filter((name) => wanted.has(name.toLowerCase()))
      .sort();
  } catch {
    // A store whose search index is being rebuilt: the slow, certain way.
    const rows = db
      .prepare(
        `SELECT DISTINCT name AS v FROM resources
         WHERE removed_at IS NULL AND lower(name) IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(candidates)) as { v: string }[];
    return rows.map((r) => r.v).sort();
  }
}
