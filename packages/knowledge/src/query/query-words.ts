import { foldText } from '../text/phrase.ts';

/** One whitespace-separated piece of a query as typed, with its place. */
export interface QueryChunk {
  text: string;
  /** 0-based offset in the query. */
  offset: number;
  /** Written in quotes: a phrase to search as-is, never read as concepts or filters. */
  quoted: boolean;
}

/** One word of a query: folded (lower-case, no accents) and as typed. */
export interface QueryWord {
  word: string;
  original: string;
  offset: number;
  quoted: boolean;
}

/** Splits a query on whitespace, keeping "quoted phrases" and `key="quoted value"` together. */
export function queryChunks(query: string): QueryChunk[] {
  const chunks: QueryChunk[] = [];
  const re = /"([^"]*)"?|(?:[^\s"]+(?:"[^"]*"?)?)+/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    if (m[1] !== undefined && m[0].startsWith('"')) {
      chunks.push({ text: m[1], offset: m.index + 1, quoted: true });
    } else {
      chunks.push({ text: m[0], offset: m.index, quoted: false });
    }
  }
  return chunks;
}

/** The words of a chunk, with punctuation that never carries meaning dropped. */
export function chunkWords(chunk: QueryChunk): QueryWord[] {
  const words: QueryWord[] = [];
  const re = /[^\s,;()"'!?[\]{}]+/g;
  for (let m = re.exec(chunk.text); m; m = re.exec(chunk.text)) {
    const lead = /^[.:]*/.exec(m[0])![0].length;
    const original = m[0].slice(lead).replace(/[.:]+$/, '');
    if (!original) continue;
    words.push({
      word: foldText(original),
      original,
      offset: chunk.offset + m.index + lead,
      quoted: chunk.quoted,
    });
  }
  return words;
}
