import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { header, type SimRequest } from '../../core/http.ts';
import { AwsError } from '../protocol/aws-error.ts';

export interface DecodedBody {
  body: Buffer;
  /** The checksum the client sent, in a header or an aws-chunked trailer. */
  checksum?: { algorithm: string; value: string } | undefined;
}

const ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;

/**
 * The object bytes of a PutObject. The SDK sends streams `aws-chunked` (`Content-Encoding:
 * aws-chunked`, `x-amz-content-sha256: STREAMING-…`): `hex-size[;chunk-signature=…]\r\n data \r\n`
 * chunks, a zero-size chunk, then trailers such as `x-amz-checksum-crc32:…`. Checksums S3 can
 * check (CRC32, SHA-1, SHA-256) are verified, as S3 does; a mismatch is BadDigest.
 */
export function decodeObjectBody(req: SimRequest): DecodedBody {
  const sha = header(req, 'x-amz-content-sha256') ?? '';
  const chunked =
    sha.startsWith('STREAMING-') || (header(req, 'content-encoding') ?? '').includes('aws-chunked');
  const trailers: Record<string, string> = {};
  const body = chunked ? decodeChunks(req.body, trailers) : req.body;
  if (chunked) {
    const declared = header(req, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== body.length) {
      throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
    }
  }
  let checksum: DecodedBody['checksum'];
  for (const algorithm of ALGORITHMS) {
    const value = trailers[`x-amz-checksum-${algorithm}`] ?? header(req, `x-amz-checksum-${algorithm}`);
    if (value) checksum = { algorithm, value };
  }
  if (checksum) verify(body, checksum);
  return { body, checksum };
}

function decodeChunks(raw: Buffer, trailers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) throw incomplete();
    const size = parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw incomplete();
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size > raw.length) throw incomplete();
    parts.push(raw.subarray(pos, pos + size));
    pos += size + 2;
  }
  // Trailer lines until an empty line or the end.
  for (const line of raw.subarray(pos).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return Buffer.concat(parts);
}

function verify(body: Buffer, checksum: { algorithm: string; value: string }): void {
  const actual = computeChecksum(body, checksum.algorithm);
  if (actual !== undefined && actual !== checksum.value) {
    throw new AwsError(
      'BadDigest',
      `The ${checksum.algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
    );
  }
}

/** Base64 checksum of `body`, for the algorithms Node can compute (CRC32C/CRC64 are taken on trust). */
export function computeChecksum(body: Buffer, algorithm: string): string | undefined {
  if (algorithm === 'crc32') {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(body) >>> 0);
    return out.toString('base64');
  }
  if (algorithm === 'sha1' || algorithm === 'sha256')
    return createHash(algorithm).update(body).digest('base64');
  return undefined;
}

const incomplete = (): AwsError => new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
