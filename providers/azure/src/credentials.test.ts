import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rootCertificates } from 'node:tls';
import { AzureCliCredential, ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import { UserError } from '@escher/protocol';
import { buildCredential, trustedCas, type AzureCredentials } from './credentials.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('azure credentials', () => {
  it('builds the identity credential for each kind users have', () => {
    const sp = buildCredential(
      { kind: 'service-principal', tenantId: 't', clientId: 'c', clientSecret: 's' },
      { endpoint: 'https://127.0.0.1:4601', caCert: PEM },
    );
    assert.ok(sp instanceof ClientSecretCredential);
    assert.ok(buildCredential({ kind: 'cli' }) instanceof AzureCliCredential);
    assert.ok(buildCredential({ kind: 'default', tenantId: 't' }) instanceof DefaultAzureCredential);
  });

  it('refuses an incomplete service principal or an unknown kind, saying what to give', () => {
    assert.throws(
      () => buildCredential({ kind: 'service-principal', tenantId: 't', clientId: '', clientSecret: ' ' }),
      (e: unknown) =>
        e instanceof UserError &&
        e.code === 'azure-credentials-invalid' &&
        /clientId, clientSecret/.test(e.message),
    );
    assert.throws(
      () => buildCredential({ kind: 'certificate' } as unknown as AzureCredentials),
      (e: unknown) => e instanceof UserError && /service-principal/.test(e.hint ?? ''),
    );
  });

  it('trusts an extra CA beside the public roots, so real endpoints keep working', () => {
    assert.equal(trustedCas(undefined), undefined);
    const cas = trustedCas(PEM)!;
    assert.equal(cas.length, rootCertificates.length + 1);
    assert.equal(cas.at(-1), PEM);
    assert.throws(
      () => trustedCas('/nonexistent/ca.pem'),
      (e: unknown) => e instanceof UserError && e.code === 'azure-ca-unreadable',
    );
  });
});
