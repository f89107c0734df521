import { analyze } from '../text/analyze.ts';
import type { EmbeddingPurpose, SyncEmbeddingProvider } from './embedding-provider.ts';
import { normalizeVector } from './vector-math.ts';

/** Dimensions of the built-in embedder: 256 int8 bytes per resource. */
export const HASHING_EMBEDDER_DIMENSIONS = 256;

/**
 * The built-in, offline embedder: signed feature hashing (Weinberger et al., 2009) of a text's
 * analysed words, word pairs and character trigrams into 256 dimensions, like fastText's subword
 * buckets without the training. It ships as code — no model file, nothing downloaded — and runs
 * at ~10 µs per resource, so it can embed inside the store's write transaction.
 *
 * What it captures is lexical: shared words, shared word order and shared spelling
 * (`paymnets` lands near `payments` through `pay`, `aym`, `men`…). It knows no synonyms; the
 * ontology carries those into the indexed document, and a real model can be plugged in through
 * an OpenAI-compatible endpoint. docs/search.md has its measured worth.
 *
 * @example
 * const [v] = hashingEmbedder().embedSync(['prod postgres'], 'query'); // Float32Array(256), unit length
 */
export function hashingEmbedder(dimensions = HASHING_EMBEDDER_DIMENSIONS): SyncEmbeddingProvider {
  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimensions);
    const words = analyze(text);
    const add = (feature: string, weight: number): void => {
      const h = fnv1a(feature);
      // The top bit picks the sign, so unrelated collisions cancel out on average.
      vector[h % dimensions] += h & 0x80000000 ? -weight : weight;
    };
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] as string;
      add(`w:${word}`, 1);
      if (i > 0) add(`b:${words[i - 1] as string} ${word}`, 0.5);
      const padded = `<${word}>`;
      if (padded.length <= 4) continue;
      const grams = padded.length - 2;
      for (let j = 0; j < grams; j += 1) add(`c:${padded.slice(j, j + 3)}`, 1 / Math.sqrt(grams));
    }
    // Square-root damping: a word repeated across fields should not drown the rest.
    for (let i = 0; i < dimensions; i += 1) {
      const x = vector[i] as number;
      vector[i] = Math.sign(x) * Math.sqrt(Math.abs(x));
    }
    return normalizeVector(vector);
  };
  return {
    id: `escher-hash-v1-${dimensions}`,
    dimensions,
    embedSync: (texts: readonly string[], _purpose: EmbeddingPurpose) => texts.map(embedOne),
    embed: async (texts: readonly string[], _purpose: EmbeddingPurpose) => texts.map(embedOne),
  };
}

/** 32-bit FNV-1a over UTF-16 code units: fast, well spread, and the same on every platform. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
