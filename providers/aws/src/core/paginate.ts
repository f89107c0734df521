/**
 * Follows a next-token chain page by page. `fetch` gets the previous page's token (undefined
 * first) and returns the page's items and the next token; an empty or repeated token ends it.
 */
export async function* paginate<T>(
  fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
): AsyncGenerator<T[]> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetch(token);
    token = page.next || undefined;
    // An API that hands back a token it already gave would loop for ever.
    if (token !== undefined) {
      if (seen.has(token)) token = undefined;
      else seen.add(token);
    }
    if (page.items?.length) yield page.items;
  } while (token !== undefined);
}
