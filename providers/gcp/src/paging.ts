import { callGoogle, type GcpContext } from './context.ts';

/** One page of a Google list call: its items and the token of the next page, if any. */
export interface Page<T> {
  items: T[];
  next?: string | null | undefined;
}

/** Which API a pager calls, for the gate. */
export interface PagedCall {
  service: string;
  operation: string;
}

/**
 * Walks a `pageToken` / `nextPageToken` list one gated call per page, yielding each page's items.
 * Empty pages that still carry a token (Google sends them) are followed, not taken as the end.
 */
export async function* pages<T>(
  ctx: GcpContext,
  call: PagedCall,
  fetch: (pageToken: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T[]> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await callGoogle(ctx, call, () => fetch(token));
    if (page.items.length > 0) yield page.items;
    token = page.next || undefined;
    // A token seen before would loop forever; Google never repeats one.
    if (token !== undefined && seen.has(token)) break;
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
}
