/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping the input order. Providers use
 * it for per-resource detail calls (bucket policies, IAM policies, key rotation); the scanner's
 * gate still paces each call, so `limit` only bounds open sockets, not the rate.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
