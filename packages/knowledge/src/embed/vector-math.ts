/** Scales a vector to unit length in place (a zero vector stays zero) and returns it. */
export function normalizeVector(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += (vector[i] as number) ** 2;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i += 1) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Dot product; the cosine similarity of two unit vectors. */
export function dotProduct(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Quantises a unit vector to int8 (component × 127, rounded): a quarter of float32's bytes, which
 * keeps a resource inside SPEC section 10's 3 KB, at a cosine error far below what changes a rank.
 */
export function quantizeInt8(vector: Float32Array): Int8Array {
  const out = new Int8Array(vector.length);
  for (let i = 0; i < vector.length; i += 1) {
    out[i] = Math.max(-127, Math.min(127, Math.round((vector[i] as number) * 127)));
  }
  return out;
}
