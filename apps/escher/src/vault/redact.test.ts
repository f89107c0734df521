import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRedactor, redactSecrets } from './redact.ts';

test('recognisable secret shapes are redacted, the text around them kept', () => {
  const cases: [string, string][] = [
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED]',
    ],
    ['key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here', 'key [REDACTED] here'],
    ['Authorization: Bearer ya29.a0AfH6SMBx-abc_def', 'Authorization: Bearer [REDACTED]'],
    ['token ya29.a0AfH6SMBxabcdefghijk end', 'token [REDACTED] end'],
    ['{"clientSecret": "Xy7Q~abcdefghijklmnopqrstuvwxyz0123456"}', '{"clientSecret": "[REDACTED]"}'],
    ['password=hunter22;', 'password=[REDACTED];'],
    ['https://ana:pa55word@example.com/x', 'https://ana:[REDACTED]@example.com/x'],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----',
    ],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature-x', 'jwt [REDACTED]'],
  ];
  for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
});

test('ordinary text, ids and digests are left alone', () => {
  for (const text of [
    'stopped 3 instances in us-east-1 (i-0abc123def4567890)',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b',
    'hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'AKIAIOSFODNN7EXAMPLE is an access key id, not a secret',
    'the token expired; secretFields: secretAccessKey',
    'arn:aws:iam::123456789012:role/escher-read',
  ]) {
    assert.equal(redactSecrets(text), text);
  }
});

test('known secrets are redacted literally and JSON-escaped; short ones are not', () => {
  const redactor = createRedactor(['p"ss\\word-123', 'demo']);
  assert.equal(redactor.redact('x p"ss\\word-123 y'), 'x [REDACTED] y');
  assert.equal(redactor.redact(JSON.stringify({ v: 'p"ss\\word-123' })), '{"v":"[REDACTED]"}');
  assert.equal(redactor.redact('demo-aws'), 'demo-aws');
  assert.deepEqual(redactor.redactValue({ sessionToken: 'abc', tokenCount: 3, nested: ['p"ss\\word-123'] }), {
    sessionToken: '[REDACTED]',
    tokenCount: 3,
    nested: ['[REDACTED]'],
  });
});
