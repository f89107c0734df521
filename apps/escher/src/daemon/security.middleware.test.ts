import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody } from '@escher/protocol';
import { createTestDaemon, TEST_PORT, TEST_TOKEN, type TestDaemon } from './daemon.testing.ts';

// SPEC section 9: the local token on every call, no foreign Host (DNS rebinding) or Origin (CSRF).
describe('daemon security', () => {
  let d: TestDaemon;
  before(async () => {
    d = await createTestDaemon({ bodyLimitBytes: 64 * 1024 });
  });
  after(() => d.cleanup());

  const refused = async (res: Response, status: number, code: string): Promise<string> => {
    const text = await res.text();
    assert.equal(res.status, status, text);
    assert.equal((JSON.parse(text) as ErrorBody).error.code, code);
    assert.ok(!text.includes(TEST_TOKEN), 'the token never appears in an answer');
    return text;
  };

  it('refuses a call without the token (401, with a hint where the token is)', async () => {
    const res = await d.request('/api/v1/resources', { headers: { authorization: '' } });
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    const text = await refused(res, 401, 'daemon-token-missing');
    assert.match(text, /daemon\.token/);
    await refused(
      await d.request('/api/v1/health', { headers: { authorization: `Basic ${TEST_TOKEN}` } }),
      401,
      'daemon-token-missing',
    );
  });

  it('refuses a wrong token, without echoing what was sent', async () => {
    const wrong = `${TEST_TOKEN.slice(0, -1)}X`;
    const text = await refused(
      await d.request('/api/v1/resources', { headers: { authorization: `Bearer ${wrong}` } }),
      401,
      'daemon-token-invalid',
    );
    assert.ok(!text.includes(wrong));
    await refused(
      await d.request('/api/v1/openapi.json', { headers: { authorization: 'Bearer x' } }),
      401,
      'daemon-token-invalid',
    );
  });

  it('refuses a foreign Host even with the right token (DNS rebinding)', async () => {
    for (const host of [
      'evil.example:7433',
      `127.0.0.1:${TEST_PORT + 1}`,
      '127.0.0.1',
      `attacker.test:${TEST_PORT}`,
    ]) {
      await refused(await d.request('/api/v1/resources', { headers: { host } }), 403, 'daemon-host-refused');
    }
  });

  it('refuses a cross-site Origin or Sec-Fetch-Site (CSRF), even with the right token', async () => {
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${TEST_PORT + 1}`,
      'null',
      `https://127.0.0.1:${TEST_PORT}`,
    ]) {
      await refused(
        await d.request('/api/v1/syncs', { method: 'POST', body: '{}', headers: { origin } }),
        403,
        'daemon-origin-refused',
      );
    }
    await refused(
      await d.request('/api/v1/resources', { headers: { 'sec-fetch-site': 'cross-site' } }),
      403,
      'daemon-origin-refused',
    );
  });

  it('accepts its own origin, by address or by localhost', async () => {
    for (const origin of [`http://127.0.0.1:${TEST_PORT}`, `http://localhost:${TEST_PORT}`]) {
      const res = await d.request('/api/v1/resources?limit=1', {
        headers: { origin, 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(res.status, 200);
    }
    const res = await d.request('/api/v1/health', { headers: { host: `localhost:${TEST_PORT}` } });
    assert.equal(res.status, 200);
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const body = JSON.stringify({ account: 'x'.repeat(100 * 1024) });
    await refused(await d.request('/api/v1/syncs', { method: 'POST', body }), 413, 'request-too-large');
  });

  it('hides what an unexpected error says (it could hold anything) and logs it instead', async () => {
    const logged: string[] = [];
    const broken = await createTestDaemon({
      log: (line) => logged.push(line),
      runSync: () => Promise.reject(new TypeError(`boom with secret ${TEST_TOKEN}`)),
    });
    try {
      const text = await refused(
        await broken.request('/api/v1/syncs', { method: 'POST' }),
        500,
        'unexpected',
      );
      assert.ok(!text.includes('boom'));
      assert.match(logged.join('\n'), /boom/);
    } finally {
      broken.cleanup();
    }
  });
});
