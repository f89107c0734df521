import { z } from 'zod';

/** Who is at fault decides how an error is shown, its exit code and its HTTP status. */
export const ERROR_KINDS = ['user', 'operational', 'unexpected'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface EscherErrorOptions {
  /** One line telling the user how to fix or work around it. */
  hint?: string;
  cause?: unknown;
  /** Extra machine-readable detail (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * Base of every error Escher raises on purpose: a stable `code` (kebab-case, e.g.
 * `account-not-found`), a message for humans, an optional hint, and the original `cause`.
 */
export abstract class EscherError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: EscherErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The one JSON error shape of the daemon, the server and `--json` failures. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) } };
  }
}

/** Bad input: shown plainly, exit code 1, HTTP 4xx. */
export class UserError extends EscherError {
  readonly kind = 'user' as const;
}

/** The world misbehaved (cloud throttled, network down): usually retryable. */
export class OperationalError extends EscherError {
  readonly kind = 'operational' as const;
  readonly retryable: boolean;
  constructor(code: string, message: string, options: EscherErrorOptions & { retryable?: boolean } = {}) {
    super(code, message, options);
    this.retryable = options.retryable ?? true;
  }
}

/** A bug: something that should not happen. */
export class UnexpectedError extends EscherError {
  readonly kind = 'unexpected' as const;
}

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Wraps anything thrown into an EscherError, keeping EscherErrors as they are. */
export function toEscherError(error: unknown): EscherError {
  if (error instanceof EscherError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnexpectedError('unexpected', message, { cause: error });
}
