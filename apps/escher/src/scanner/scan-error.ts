import { EscherError } from '@escher/protocol';
import type { ScanError, ScanStage } from './scan-sink.ts';

/** Turns what a provider threw into a summary entry, keeping the cloud's message and code. */
export function toScanError(
  error: unknown,
  where: Omit<ScanError, 'code' | 'message' | 'hint' | 'stage'>,
  stage: ScanStage,
): ScanError {
  const e = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code =
    error instanceof EscherError
      ? error.code
      : typeof e['code'] === 'string'
        ? e['code']
        : typeof e['name'] === 'string'
          ? e['name']
          : 'unknown';
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof EscherError ? error.hint : undefined;
  return { stage, ...where, code, message, ...(hint ? { hint } : {}) };
}
