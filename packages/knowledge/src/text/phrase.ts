/**
 * Phrase normalisation shared by the ontology, query understanding and documents, so that a
 * phrase typed by a user ("US East (N. Virginia)", "internet-facing") and the same phrase stored
 * in the lexicon meet as the same key.
 */

/** Folds accents (São Paulo → Sao Paulo), keeping case. */
export function foldAccents(text: string): string {
  // Almost all text is ASCII, and NFKD normalisation is the costliest step of building documents.
  return ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

const ASCII = /^[ -~\t\n\r]*$/;

/** Lower-cases and folds accents (São Paulo → sao paulo). */
export function foldText(text: string): string {
  return foldAccents(text).toLowerCase();
}

/**
 * The words of a phrase for lexicon matching: accents folded, lower-cased, split on whitespace and
 * on `, ; ( ) " ' ! ?` and trailing dots. Hyphens, underscores, colons and inner dots stay, so
 * region codes (`us-east-1`), native types (`aws::ec2::instance`) and sizes (`t3.micro`) remain
 * one word.
 */
export function phraseWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of foldText(text).split(/[\s,;()"'!?[\]{}]+/)) {
    const word = raw.replace(/^[.:]+|[.:]+$/g, '');
    if (word) words.push(word);
  }
  return words;
}

/** The lexicon key of a phrase: its words joined by one space. */
export function phraseKey(text: string): string {
  return phraseWords(text).join(' ');
}

// Abbreviations users pluralise ("prod dbs", "stopped vms") that are too short for the suffix rules.
const SHORT_PLURALS: Readonly<Record<string, string>> = {
  dbs: 'db',
  vms: 'vm',
  ips: 'ip',
  lbs: 'lb',
  sgs: 'sg',
  pds: 'pd',
  keys: 'key',
};

const SINGULAR_EXCEPTIONS = new Set(['status', 'kubernetes', 'aws', 'postgres', 'redis', 'analysis', 'bus']);

/**
 * A conservative English singular (`databases` → `database`, `policies` → `policy`,
 * `addresses` → `address`, `boxes` → `box`), or the word itself. Words ending in -ss, -us, -is
 * and known product names are left alone.
 */
export function singular(word: string): string {
  const short = SHORT_PLURALS[word];
  if (short) return short;
  if (word.length <= 3 || SINGULAR_EXCEPTIONS.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:sses|xes|shes|ches)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|os)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
