import { lookupPhrase } from '../ontology/lexicon.ts';
import { regionInfo, zoneRegion } from '../ontology/regions/regions.ts';
import { addOnce, type IntentDraft } from './intent-draft.ts';
import { before, countOf } from './intent-time.ts';
import type { RequestText } from './request-text.ts';

/*
 * Extractors for the parts of a request the ontology has no words for: quantities, money, sizes,
 * tag phrasing, accounts and resource names. Each blanks what it takes.
 */

const NUM = String.raw`(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)`;
const ORDERINGS: Readonly<Record<string, { field: string; direction: 'asc' | 'desc' }>> = {
  largest: { field: 'size', direction: 'desc' },
  biggest: { field: 'size', direction: 'desc' },
  smallest: { field: 'size', direction: 'asc' },
  'most expensive': { field: 'cost', direction: 'desc' },
  costliest: { field: 'cost', direction: 'desc' },
  priciest: { field: 'cost', direction: 'desc' },
  cheapest: { field: 'cost', direction: 'asc' },
  'least expensive': { field: 'cost', direction: 'asc' },
  oldest: { field: 'createdAt', direction: 'asc' },
  newest: { field: 'createdAt', direction: 'desc' },
  latest: { field: 'createdAt', direction: 'desc' },
  'most recent': { field: 'createdAt', direction: 'desc' },
};
const ORDER_WORDS = Object.keys(ORDERINGS).join('|');
const COMPARATIVE: Readonly<Record<string, '>' | '<' | '>=' | '<='>> = {
  'more than': '>',
  'greater than': '>',
  'larger than': '>',
  'bigger than': '>',
  over: '>',
  above: '>',
  'at least': '>=',
  'less than': '<',
  'fewer than': '<',
  'smaller than': '<',
  under: '<',
  below: '<',
  'at most': '<=',
};
const CMP = Object.keys(COMPARATIVE).join('|');

const SIZE = String.raw`(?:db\.)?[a-z]{1,4}\d[a-z0-9-]*\.[a-z0-9]+|standard_[\w-]+|basic_[\w-]+|[a-z]\d[a-z]?-(?:standard|highmem|highcpu|micro|small|medium|custom|ultramem|megamem)(?:-\d+)?|(?:db-)?(?:n1|n2|e2|g1|f1)-[\w-]+|(?:gp|bc|gen)_[\w]+`;

const RANKED = new RegExp(
  String.raw`\b(?:the )?(?:top )?${NUM} (${ORDER_WORDS})\b|\b(?:the )?(${ORDER_WORDS}) ${NUM}\b`,
  'i',
);
const RANKED_ONE = new RegExp(String.raw`\b(?:the )?(${ORDER_WORDS})\b`, 'i');
const MONEY = new RegExp(
  String.raw`(?:(?:that |which )?(?:cost|costs|costing|spend|spending|billed)\s+)?(${CMP})\s+(?:\$|€|£|usd\s*)(\d+(?:\.\d+)?)(?:\s*(?:usd|dollars|eur|euros))?(?:\s*(?:a|per|\/)\s*month)?`,
  'i',
);
const THRESHOLD = new RegExp(
  String.raw`\b(more than|fewer than|less than|at least|at most|over|under) ${NUM}\b`,
  'i',
);
const SIZE_AFTER_TO = new RegExp(
  String.raw`\b(?:to|into|with|as|on) (?:an? |the )?(?:size |sku |type |instance type |machine type |tier )?(${SIZE})\b`,
  'i',
);
const SIZE_ALONE = new RegExp(`\\b(${SIZE})\\b`, 'i');
const SIZE_GB = new RegExp(String.raw`\b(${CMP})\s+(\d+(?:\.\d+)?)\s*(gb|gib|tb|tib)\b`, 'i');
const COST_NUMBER = new RegExp(
  String.raw`\b(?:cost|costs|costing|spend|spending)\s+(${CMP})\s+(\d+(?:\.\d+)?)\b`,
  'i',
);
const AGE = new RegExp(
  String.raw`\b(?:(older|newer|younger) than|created (more|less) than) ${NUM} (day|week|month|year|hour)s?(?: ago| old)?\b`,
  'i',
);

/** "the 3 largest", "top 5", "more than $100", "older than 30 days", "larger than 500 GB", "more than 5". */
export function extractQuantities(text: RequestText, draft: IntentDraft, now: Date): void {
  text.take(RANKED, (m) => {
    const n = countOf(m[1] ?? m[4]!);
    const order = ORDERINGS[(m[2] ?? m[3]!).toLowerCase()];
    if (n === undefined || !order) return false;
    draft.params.limit = n;
    draft.params.orderBy = { ...order };
    return true;
  });
  text.take(RANKED_ONE, (m) => {
    draft.params.limit ??= 1;
    draft.params.orderBy ??= { ...ORDERINGS[m[1]!.toLowerCase()]! };
    return true;
  });
  text.take(/\btop (\d+)\b/i, (m) => {
    draft.params.limit = Number(m[1]);
    draft.params.orderBy ??= { field: 'cost', direction: 'desc' };
    return true;
  });
  text.take(MONEY, (m) => {
    draft.conditions.push({
      kind: 'field',
      field: 'cost',
      op: COMPARATIVE[m[1]!.toLowerCase()]!,
      value: Number(m[2]),
    });
    return true;
  });
  text.take(COST_NUMBER, (m) => {
    draft.conditions.push({
      kind: 'field',
      field: 'cost',
      op: COMPARATIVE[m[1]!.toLowerCase()]!,
      value: Number(m[2]),
    });
    return true;
  });
  text.take(AGE, (m) => {
    const older = m[1] ? m[1].toLowerCase() === 'older' : m[2]!.toLowerCase() === 'more';
    const at = before(now, countOf(m[3]!) ?? 1, m[4]!);
    draft.conditions.push({ kind: 'field', field: 'createdAt', op: older ? '<' : '>=', value: at });
    return true;
  });
  text.take(SIZE_GB, (m) => {
    const gb = Number(m[2]) * (/^t/i.test(m[3]!) ? 1024 : 1);
    draft.conditions.push({
      kind: 'field',
      field: 'attributes.sizeGb',
      op: COMPARATIVE[m[1]!.toLowerCase()]!,
      value: gb,
    });
    return true;
  });
  text.take(THRESHOLD, (m) => {
    const n = countOf(m[2]!);
    if (n === undefined) return false;
    draft.params.threshold = { op: COMPARATIVE[m[1]!.toLowerCase()]!, value: n };
    return true;
  });
}

/** "to t3.large", "to Standard_D4s_v3", "to 5 nodes", "by 2". */
export function extractSizes(text: RequestText, draft: IntentDraft): void {
  text.take(SIZE_AFTER_TO, (m) => {
    draft.params.size = m[1]!;
    return true;
  });
  text.take(SIZE_ALONE, (m) => {
    if (lookupPhrase(m[1]!).length > 0) return false;
    draft.params.size ??= m[1]!;
    return true;
  });
  text.take(
    /\b(?:to|down to|up to|out to|in to|with) (\d+) ?(nodes?|replicas?|instances?|workers?|vms?|machines?|copies|pods?|units?|tasks?)?(?=\W|$)/i,
    (m) => {
      draft.params.count = Number(m[1]);
      return true;
    },
  );
}

/** "in account 123456789012", "subscription prod-sub", "project web-prod", a bare 12-digit AWS account. */
export function extractAccount(text: RequestText, draft: IntentDraft): void {
  text.take(
    /(?<!service |storage |automation |billing |cosmos )\b(?:aws |azure |gcp )?(account|subscription|project)(?: id)? ['"]?([\w.-]*\d[\w.-]*|\w+-[\w.-]+)['"]?/i,
    (m) => {
      draft.account = m[2]!;
      return true;
    },
  );
  text.take(/\b(\d{12})\b/, (m) => {
    draft.account ??= m[1]!;
    return true;
  });
}

/** Whether a token reads as a resource name: has a hyphen, underscore or digit, and means nothing else. */
export function looksLikeName(token: string): boolean {
  const word = token.toLowerCase();
  if (!/[-_\d]/.test(word) || !/[a-z]/.test(word) || word.length < 3) return false;
  if (/^non-?/.test(word) || /^\d+(?:h|d|m|gb|tb)$/.test(word)) return false;
  if (lookupPhrase(word).length > 0 || regionInfo(word) || zoneRegion(word)) return false;
  return true;
}

const NAME_TOKEN = /[A-Za-z0-9][\w.\-/]*[A-Za-z0-9]/g;
// "all VMs except payments-api and web-1": names after these words are exclusions.
const EXCEPT_BEFORE =
  /\b(?:except|excluding|but not|not|other than|apart from|besides|save)\s+(?:for\s+)?(?:the\s+)?(?:(?:[\w.\-/]+\s*)?(?:,|and|or)\s*)*$/i;

/** Names from the context ("payments-api"), quoted ("'web 1'"), after "named"/"called", or name-like tokens. */
export function extractNames(
  text: RequestText,
  draft: IntentDraft,
  known: ReadonlySet<string> | undefined,
): void {
  text.take(/\b(?:named|called)\s+['"]?([\w.\-/]+)['"]?/i, (m) => {
    addOnce(draft.names, m[1]!);
    return true;
  });
  text.take(/(?:^|\s)['"]([^'"]{1,100})['"](?=\s|$|[,.?!])/, (m) => {
    const quoted = m[1]!.trim();
    // A quoted region code is still the region ("in "us-east-1"").
    if (regionInfo(quoted)) draft.regionSets.push([quoted.toLowerCase()]);
    else addOnce(draft.names, quoted);
    return true;
  });
  text.take(NAME_TOKEN, (m) => {
    const token = m[0];
    const rest = text.rest;
    // Part of filter syntax (`cost-center=1234`, `tag:owner`): the filter reader takes it.
    if (/[=:<>!~]/.test(rest[m.index + token.length] ?? '') || /[=:<>!~]/.test(rest[m.index - 1] ?? '')) {
      return false;
    }
    const isKnown = known?.has(token.toLowerCase()) ?? false;
    if (!isKnown && !looksLikeName(token)) return false;
    if (EXCEPT_BEFORE.test(rest.slice(Math.max(0, m.index - 40), m.index))) {
      draft.conditions.push({ kind: 'field', field: 'name', op: '!=', value: token });
    } else {
      addOnce(draft.names, token);
    }
    if (known && !isKnown) addOnce(draft.unsure, `names: '${token}' is not a known resource name`);
    return true;
  });
}

const GROUPING =
  /\b(?:grouped by|broken down by|split by|by|per|for each|for every|of each|across)\s+(?:the\s+)?(cloud|provider|region|location|account|subscription|project|environment|env|type|resource type|service|team|owner|app|application|tag\s+[\w.\-/]+|[\w.\-/]+\s+tag)s?\b/i;
const GROUP_FIELDS: Readonly<Record<string, string>> = {
  provider: 'cloud',
  location: 'region',
  subscription: 'account',
  project: 'account',
  env: 'environment',
  'resource type': 'type',
  service: 'type',
  app: 'tag:app',
  application: 'tag:application',
  team: 'tag:team',
  owner: 'tag:owner',
};

/** "cost by team", "VMs per cloud", "spend for each region": how to group the answer (`params.groupBy`). */
export function extractGrouping(text: RequestText, draft: IntentDraft): void {
  text.take(GROUPING, (m) => {
    const what = m[1]!.toLowerCase().replace(/\s+/g, ' ');
    const tag = /^tag (.+)$/.exec(what)?.[1] ?? /^(.+) tag$/.exec(what)?.[1];
    draft.params['groupBy'] = tag ? `tag:${tag}` : (GROUP_FIELDS[what] ?? what);
    return true;
  });
}
