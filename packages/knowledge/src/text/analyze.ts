import { foldText, singular } from './phrase.ts';

/**
 * Splits an identifier into its words: on `- _ . / : @` and whitespace, and on camelCase and
 * PascalCase boundaries (`paymentsApiProd` → payments api prod, `HTTPServer` → http server).
 * Resource names mix every convention, and a user searching "payments api" must find all of them.
 *
 * @example splitIdentifier('orders_DB-prod.01') // ['orders', 'db', 'prod', '01']
 */
export function splitIdentifier(name: string): string[] {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return foldText(spaced)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * The analyser a text index and its queries must share: identifiers split, accents folded,
 * lower-cased, plurals folded (`databases` → database). Index documents and query terms with the
 * same function or BM25 will not match them.
 *
 * @example analyze('Prod Databases in us-east-1') // ['prod', 'database', 'in', 'us', 'east', '1']
 */
export function analyze(text: string): string[] {
  return splitIdentifier(text).map(singular);
}
