import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@escher/protocol';
import { createAuth } from './credentials.ts';
import { gcpProvider } from './gcp-provider.ts';
import { writeServiceAccountKey } from './testing/service-account-key.ts';

async function authorization(auth: ReturnType<typeof createAuth>['auth']): Promise<string> {
  const headers = await auth.getRequestHeaders('https://compute.googleapis.com/compute/v1/projects/x');
  return headers.get('authorization') ?? '';
}

describe('GCP credentials', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'escher-gcp-cred-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a service-account key signs its own JWT, offline, and names its project', async () => {
    const identity = createAuth({ kind: 'key-file', path: writeServiceAccountKey(dir) });
    const header = await authorization(identity.auth);
    assert.match(header, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(await identity.defaultProject(), 'acme-keyfile-1234');
  });

  it('Application Default Credentials find GOOGLE_APPLICATION_CREDENTIALS', async () => {
    const saved = process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = writeServiceAccountKey(dir, 'acme-adc-4321');
    try {
      const identity = createAuth({ kind: 'adc' });
      assert.match(await authorization(identity.auth), /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(await identity.defaultProject(), 'acme-adc-4321');
    } finally {
      if (saved === undefined) delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
      else process.env['GOOGLE_APPLICATION_CREDENTIALS'] = saved;
    }
  });

  it('Application Default Credentials with nothing to find fail as a user error, not a crash', async () => {
    const names = ['GOOGLE_APPLICATION_CREDENTIALS', 'HOME', 'CLOUDSDK_CONFIG', 'METADATA_SERVER_DETECTION'];
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    process.env['HOME'] = process.env['CLOUDSDK_CONFIG'] = dir;
    process.env['METADATA_SERVER_DETECTION'] = 'none';
    try {
      const provider = gcpProvider.create({ kind: 'adc' }, { endpoint: 'http://127.0.0.1:9' });
      for (let attempt = 0; attempt < 2; attempt++)
        await assert.rejects(
          provider.listAccounts(),
          (e: unknown) => e instanceof UserError && e.code === 'gcp-credentials-invalid',
        );
    } finally {
      for (const n of names)
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
    }
  });

  it('an access token is sent as it is', async () => {
    const identity = createAuth({ kind: 'access-token', token: 'ya29.token' });
    assert.equal(await authorization(identity.auth), 'Bearer ya29.token');
    assert.throws(
      () => createAuth({ kind: 'access-token', token: ' ' }),
      (e: unknown) => e instanceof UserError && e.code === 'gcp-credentials-invalid',
    );
  });

  it('bad key files are user errors with a hint', () => {
    const code = (path: string) => {
      try {
        createAuth({ kind: 'key-file', path });
        return 'no error';
      } catch (error) {
        assert.ok(error instanceof UserError && error.hint);
        return error.code;
      }
    };
    assert.equal(code(join(dir, 'missing.json')), 'gcp-key-file-unreadable');
    writeFileSync(join(dir, 'text.json'), 'not json');
    assert.equal(code(join(dir, 'text.json')), 'gcp-key-file-invalid');
    writeFileSync(
      join(dir, 'partial.json'),
      JSON.stringify({ type: 'service_account', client_email: 'a@b' }),
    );
    assert.equal(code(join(dir, 'partial.json')), 'gcp-key-file-invalid');
  });
});
