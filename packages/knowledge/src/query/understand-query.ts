import type { Concept, ConceptKind, Sense } from '../ontology/concept.ts';
import { conceptKey } from '../ontology/concept.ts';
import type { FilterExpr } from '../filter/filter.types.ts';
import { MATCH_ALL } from '../filter/filter.types.ts';
import { STOPWORDS, type Correction, type VocabularyCorrector } from './corrector.ts';
import { matchConcepts, type QuerySegment } from './match-concepts.ts';

/** One thing the query asks for, as a filter expression `evaluate` can run. */
export interface QueryClause {
  /** The ontology concept, when the clause came from one (not for tags and filter syntax). */
  concept?: Concept;
  expr: FilterExpr;
  negated: boolean;
  /** The words of the query it came from, as typed. */
  source: string;
}

/** Free text understood: what must hold, what should rank higher, and what is left to search. */
export interface UnderstoodQuery {
  query: string;
  /** Every filter ANDed (same-kind concepts ORed: "aws or azure" → cloud in both). MATCH_ALL when none. */
  filter: FilterExpr;
  /** Hard constraints: a result must satisfy every one. */
  filters: QueryClause[];
  /** Soft preferences: a result satisfying one should rank higher; none is required. */
  boosts: QueryClause[];
  /**
   * Words left for text ranking (lower-case, typos corrected), in query order: the words no
   * concept took, plus the words of concepts that were only boosts ("postgres", "server").
   */
  terms: string[];
  corrections: Correction[];
  /** Filter syntax in the text that did not parse and was searched as words, with why. */
  warnings: string[];
}

export interface UnderstandOptions {
  /** Corrects typos (`postgress`, `prodution`) before matching; build one with createCorrector(). */
  corrector?: VocabularyCorrector;
}

// When a negated phrase carries several senses, the most specific one is negated: "not postgres"
// excludes the engine, not every database.
const NEGATION_ORDER: readonly ConceptKind[] = [
  'engine',
  'flag',
  'environment',
  'state',
  'zone',
  'region',
  'cloud',
  'type',
];
// Concepts of these kinds combine with OR when several are asked ("vms and disks", "aws azure").
const OR_KINDS: ReadonlySet<ConceptKind> = new Set([
  'type',
  'cloud',
  'region',
  'zone',
  'environment',
  'state',
  'engine',
]);

/**
 * Reads structured meaning out of free text. Strong ontology words become filters ("prod",
 * "in azure", "us-east-1", "Frankfurt", "stopped", "public", "unencrypted", "k8s"); weak ones
 * become boosts and stay search terms ("postgres", "server", "cluster"); a cloud implied by a
 * service name is a boost ("RDS" favours AWS). Filter syntax inside the text (`team=payments`,
 * `cost>100`) is a filter too; "not"/"non-"/"without" negate; "owner tag" / "without owner tag"
 * test a tag key. Words in lower case that are everyday words ("us", "on", "up") are not read as
 * places or states; in capitals ("US") they are.
 *
 * @example
 * understandQuery('postgress prod db', { corrector: createCorrector() })
 * // filters: env=prod, type=database.instance; boosts: engine=postgres; terms: ['postgres']
 */
export function understandQuery(query: string, options: UnderstandOptions = {}): UnderstoodQuery {
  const scan = matchConcepts(query, options.corrector ? { corrector: options.corrector } : {});
  const filters: QueryClause[] = [];
  const boosts: QueryClause[] = [];
  const terms: string[] = [];
  for (const segment of scan.segments) collect(segment, filters, boosts, terms);
  const filterKeys = new Set(
    filters.filter((c) => c.concept && !c.negated).map((c) => conceptKey(c.concept!)),
  );
  const seenBoosts = new Set<string>();
  const uniqueBoosts = boosts.filter((b) => {
    const key = conceptKey(b.concept!);
    if (filterKeys.has(key) || seenBoosts.has(key)) return false;
    seenBoosts.add(key);
    return true;
  });
  return {
    query,
    filter: combine(filters),
    filters,
    boosts: uniqueBoosts,
    terms,
    corrections: scan.corrections,
    warnings: scan.warnings,
  };
}

function collect(
  segment: QuerySegment,
  filters: QueryClause[],
  boosts: QueryClause[],
  terms: string[],
): void {
  switch (segment.kind) {
    case 'filter':
      filters.push({ expr: segment.expr, negated: false, source: segment.text });
      return;
    case 'tag': {
      const exists: FilterExpr = {
        kind: 'exists',
        field: { kind: 'tag', key: segment.key },
        column: segment.offset + 1,
      };
      filters.push({
        expr: segment.negated ? { kind: 'not', child: exists } : exists,
        negated: segment.negated,
        source: segment.text,
      });
      return;
    }
    case 'word':
      if (segment.negated) {
        const text: FilterExpr = { kind: 'text', text: segment.word, column: segment.offset + 1 };
        filters.push({ expr: { kind: 'not', child: text }, negated: true, source: segment.text });
      } else {
        terms.push(...segment.word.split(/\s+/).filter(Boolean));
      }
      return;
    case 'concept':
      collectConcept(segment, filters, boosts, terms);
      return;
    default:
      return;
  }
}

function collectConcept(
  segment: Extract<QuerySegment, { kind: 'concept' }>,
  filters: QueryClause[],
  boosts: QueryClause[],
  terms: string[],
): void {
  const shouted =
    segment.text.length >= 2 && segment.text === segment.text.toUpperCase() && /[A-Z]/.test(segment.text);
  const senses: Sense[] = segment.senses
    .map((s): Sense => (s.strength === 'structured' && shouted ? { ...s, strength: 'strong' } : s))
    .filter((s) => s.strength !== 'structured');
  const column = segment.offset + 1;
  if (senses.length === 0) {
    terms.push(...segment.phrase.split(' ').filter((w) => !STOPWORDS.has(w)));
    return;
  }
  if (segment.negated) {
    const kind = NEGATION_ORDER.find((k) => senses.some((s) => s.concept.kind === k));
    for (const sense of senses.filter((s) => s.concept.kind === kind)) {
      filters.push({
        concept: sense.concept,
        expr: { kind: 'not', child: conceptExpr(sense.concept, column) },
        negated: true,
        source: segment.text,
      });
    }
    return;
  }
  for (const sense of senses) {
    const clause: QueryClause = {
      concept: sense.concept,
      expr: conceptExpr(sense.concept, column),
      negated: false,
      source: segment.text,
    };
    (sense.strength === 'strong' ? filters : boosts).push(clause);
  }
  if (!senses.some((s) => s.strength === 'strong')) terms.push(...segment.phrase.split(' '));
}

/** The filter expression that tests a concept on a resource. */
export function conceptExpr(concept: Concept, column = 1): FilterExpr {
  const compare = (
    name: 'type' | 'cloud' | 'region' | 'zone' | 'environment' | 'state' | 'engine',
    values: readonly string[],
  ): FilterExpr => ({
    kind: 'compare',
    field: { kind: 'core', name },
    op: '=',
    value: values.join(','),
    values: [...values],
    glob: false,
    column,
  });
  switch (concept.kind) {
    case 'type':
      return compare('type', concept.value);
    case 'cloud':
      return compare('cloud', [concept.value]);
    case 'region':
      return compare('region', concept.value);
    case 'zone':
      return compare('zone', [concept.value]);
    case 'environment':
      return compare('environment', [concept.value]);
    case 'state':
      return compare('state', concept.value);
    case 'engine':
      return compare('engine', [concept.value]);
    case 'flag':
      return { kind: 'flag', flag: concept.value, column };
    case 'action':
      // Actions select nothing; an intent parser reads them from the concept itself.
      return MATCH_ALL;
  }
}

/** ANDs the filters, merging positive same-kind concepts into one OR (union of values). */
function combine(filters: readonly QueryClause[]): FilterExpr {
  const merged = new Map<ConceptKind, Extract<FilterExpr, { kind: 'compare' }>>();
  const children: FilterExpr[] = [];
  for (const clause of filters) {
    const kind = clause.concept?.kind;
    if (kind && !clause.negated && OR_KINDS.has(kind) && clause.expr.kind === 'compare') {
      const existing = merged.get(kind);
      if (existing) {
        existing.values = [...new Set([...existing.values, ...clause.expr.values])];
        existing.value = existing.values.join(',');
      } else {
        const copy = { ...clause.expr, values: [...clause.expr.values] };
        merged.set(kind, copy);
        children.push(copy);
      }
      continue;
    }
    children.push(clause.expr);
  }
  if (children.length === 0) return MATCH_ALL;
  return children.length === 1 ? children[0]! : { kind: 'and', children };
}
