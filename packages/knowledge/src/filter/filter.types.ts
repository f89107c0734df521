import type { AttributeFlag } from '../ontology/flags.ts';

/** Fields with a fixed place in the resource model (SPEC section 3). */
export const CORE_FIELDS = [
  'cloud',
  'type',
  'region',
  'zone',
  'environment',
  'state',
  'account',
  'name',
  'id',
  'nativeType',
  'engine',
  'cost',
  'createdAt',
] as const;
export type CoreField = (typeof CORE_FIELDS)[number];

/**
 * What a filter term looks at. `key` is a name the model does not define (`team=payments`): the
 * resource's tag of that name (any casing), or, when it has no such tag, the attribute of that name
 * (`encrypted=false`).
 */
export type FilterField =
  | { kind: 'core'; name: CoreField }
  | { kind: 'tag'; key: string }
  | { kind: 'attribute'; path: string }
  | { kind: 'key'; key: string };

/** `:` and `=` both mean equality; `~` is a case-insensitive substring match. */
export type CompareOp = '=' | '!=' | '~' | '>' | '>=' | '<' | '<=';

/** A parsed, resolved filter expression: plain data, safe to log, send or cache. */
export type FilterExpr =
  | { kind: 'and'; children: FilterExpr[] }
  | { kind: 'or'; children: FilterExpr[] }
  | { kind: 'not'; child: FilterExpr }
  | {
      kind: 'compare';
      field: FilterField;
      op: CompareOp;
      /** The value as written (unquoted). */
      value: string;
      /**
       * For `=`, `!=`, `~`: lower-cased values any of which matches — synonyms resolved
       * (`env=production` → ['prod'], `region:frankfurt` → three codes, `type:database` →
       * ['database.instance']). For `>` `>=` `<` `<=`: empty; see `number`.
       */
      values: string[];
      /** `*` in the value matches any run of characters. */
      glob: boolean;
      /** The number (or, for createdAt, epoch milliseconds) that ordering comparisons use. */
      number?: number;
      /** 1-based column of the term in the filter text, for explanations. */
      column: number;
    }
  /** `tag:owner`: the tag (or key) exists, whatever its value. */
  | { kind: 'exists'; field: FilterField; column: number }
  /** `is:public`, `is:unencrypted`: a yes/no property of the ontology. */
  | { kind: 'flag'; flag: AttributeFlag; column: number }
  /** A bare word or quoted phrase: a case-insensitive substring of the name, id or a tag value. */
  | { kind: 'text'; text: string; column: number };

/** The expression that matches everything (an empty filter). */
export const MATCH_ALL: FilterExpr = { kind: 'and', children: [] };
