import { UserError } from '@escher/protocol';

const SYNTAX_HINT =
  'Filters look like: env=prod AND team=payments, cloud:aws type:database, NOT tag:owner, cost>100. Quote values with spaces.';

export interface FilterErrorOptions {
  /** What stood there instead, e.g. `AND` or `')'`. */
  found?: string;
  /** Words after the column, e.g. "to close the '(' at column 1". */
  suffix?: string;
  hint?: string;
}

/**
 * A filter the user wrote is wrong: the message names what was expected and the 1-based column,
 * e.g. "Expected a value after '=' at column 9". Code `invalid-filter`, like the store's;
 * `details.column` carries the column for UIs that underline it.
 */
export function filterError(message: string, column: number, options: FilterErrorOptions = {}): UserError {
  const suffix = options.suffix ? ` ${options.suffix}` : '';
  const found = options.found ? `, found ${options.found}` : '';
  return new UserError('invalid-filter', `${message} at column ${column}${suffix}${found}`, {
    hint: options.hint ?? SYNTAX_HINT,
    details: { column },
  });
}
