import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  OperationalError,
  UnexpectedError,
  UserError,
  toEscherError,
  ErrorBodySchema,
} from './escher.error.ts';

describe('errors', () => {
  it('carries code, hint, kind and cause, and renders the one JSON shape', () => {
    const cause = new Error('socket hang up');
    const error = new UserError('account-not-found', 'No account "prod"', {
      hint: 'Run escher accounts list',
      cause,
    });
    assert.equal(error.name, 'UserError');
    assert.equal(error.kind, 'user');
    assert.equal(error.cause, cause);
    assert.deepEqual(error.toBody(), {
      error: { code: 'account-not-found', message: 'No account "prod"', hint: 'Run escher accounts list' },
    });
    assert.ok(ErrorBodySchema.safeParse(error.toBody()).success);
  });

  it('marks operational errors retryable unless told otherwise', () => {
    assert.equal(new OperationalError('throttled', 'slow down').retryable, true);
    assert.equal(new OperationalError('denied', 'no', { retryable: false }).retryable, false);
  });

  it('wraps foreign throws as unexpected, keeping Escher errors', () => {
    const wrapped = toEscherError(new TypeError('x is undefined'));
    assert.ok(wrapped instanceof UnexpectedError);
    assert.equal(wrapped.message, 'x is undefined');
    const mine = new UserError('bad', 'bad');
    assert.equal(toEscherError(mine), mine);
  });
});
