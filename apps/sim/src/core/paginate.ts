import type { FaultConfig } from './faults.ts';

export interface Page<T> {
  items: T[];
  /** Opaque token for the next page; undefined on the last page. */
  nextToken: string | undefined;
}

export interface PageRequest {
  /** The token the client sent back (undefined for the first page). */
  token?: string | undefined;
  /** What the client asked for, if anything. */
  requested?: number | undefined;
  /** The cloud's default page size when the client asks for none. */
  defaultSize: number;
  /** The cloud's maximum page size. */
  maxSize: number;
}

/**
 * Pages a list the way clouds do, with opaque tokens, applying the pagination faults (small pages,
 * empty pages that still carry a next token). Throws `InvalidPageToken` on a token it did not issue;
 * frontends turn that into the cloud's own error.
 */
export function paginate<T>(
  all: readonly T[],
  request: PageRequest,
  faults: FaultConfig['pagination'],
): Page<T> {
  const { offset, afterEmpty } = decodeToken(request.token);
  let size = Math.min(request.requested ?? request.defaultSize, request.maxSize);
  if (faults.maxPageSize) size = Math.min(size, faults.maxPageSize);
  size = Math.max(1, size);
  const pageIndex = Math.floor(offset / size);
  if (
    !afterEmpty &&
    faults.emptyPageEvery &&
    offset < all.length &&
    pageIndex % faults.emptyPageEvery === faults.emptyPageEvery - 1
  ) {
    // An empty page that still promises more: clients must keep following the token.
    return { items: [], nextToken: encodeToken(offset, true) };
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return { items, nextToken: next < all.length ? encodeToken(next) : undefined };
}

export class InvalidPageToken extends RangeError {
  constructor(readonly token: string) {
    super(`Invalid pagination token: ${token}`);
    this.name = 'InvalidPageToken';
  }
}

function encodeToken(offset: number, afterEmpty = false): string {
  return Buffer.from(JSON.stringify({ o: offset, e: afterEmpty ? 1 : 0 })).toString('base64url');
}

function decodeToken(token: string | undefined): { offset: number; afterEmpty: boolean } {
  if (!token) return { offset: 0, afterEmpty: false };
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      e?: unknown;
    };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) {
      // After an injected empty page, the same offset is served for real.
      return { offset: parsed.o, afterEmpty: parsed.e === 1 };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidPageToken(token);
}
