import { readFileSync } from 'node:fs';

/** The escher app's version (from its package.json), reported by the daemon and its OpenAPI document. */
export const ESCHER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
