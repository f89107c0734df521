import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { UserError } from '@escher/protocol';

const CHUNK = 1024 * 1024;

/** Whether the file starts with gzip's magic bytes (AWS Config delivers snapshots as `.json.gz`). */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's bytes in chunks, gunzipped on the fly when the file is gzip. */
export async function* fileBytes(file: string): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  const source = (await isGzip(file)) ? stream.pipe(createGunzip({ chunkSize: CHUNK })) : stream;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (source !== stream && typeof code === 'string' && code.startsWith('Z_'))
      throw new UserError('import-gzip-invalid', `${file} is not a whole gzip file (${code})`, {
        cause: error,
        hint: 'The download was cut short or the file is damaged: fetch it again',
      });
    throw error;
  } finally {
    stream.destroy();
    if (source !== stream) source.destroy();
  }
}

/** Up to `limit` first bytes of the file (gunzipped when gzip), and whether that is all of it. */
export async function filePrefix(file: string, limit: number): Promise<{ bytes: Buffer; whole: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of fileBytes(file)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= limit) return { bytes: Buffer.concat(parts).subarray(0, limit), whole: false };
  }
  return { bytes: Buffer.concat(parts), whole: true };
}
