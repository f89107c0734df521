import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeIdOf, isoTime, kmsKeyId, serviceAccountId, toNumber } from './names.ts';

describe('GCP names', () => {
  it('turns self links from any host into full resource names', () => {
    assert.equal(
      computeIdOf('https://www.googleapis.com/compute/v1/projects/p-1/zones/us-east1-b/disks/d1'),
      '//compute.googleapis.com/projects/p-1/zones/us-east1-b/disks/d1',
    );
    assert.equal(
      computeIdOf('projects/p-1/global/networks/default'),
      '//compute.googleapis.com/projects/p-1/global/networks/default',
    );
    assert.equal(computeIdOf(undefined), undefined);
  });

  it('finds the project of a service account from its email', () => {
    assert.equal(
      serviceAccountId('ci@acme-1.iam.gserviceaccount.com', 'x'),
      '//iam.googleapis.com/projects/acme-1/serviceAccounts/ci@acme-1.iam.gserviceaccount.com',
    );
    assert.equal(
      serviceAccountId('123-compute@developer.gserviceaccount.com', 'acme-2'),
      '//iam.googleapis.com/projects/acme-2/serviceAccounts/123-compute@developer.gserviceaccount.com',
    );
    assert.equal(
      serviceAccountId('acme-3@appspot.gserviceaccount.com', 'x'),
      '//iam.googleapis.com/projects/acme-3/serviceAccounts/acme-3@appspot.gserviceaccount.com',
    );
    assert.equal(serviceAccountId('p1-abc@gcp-sa-cloud-sql.iam.gserviceaccount.com', 'x'), undefined);
    assert.equal(serviceAccountId('default', 'x'), undefined);
  });

  it('strips key versions, reads Compute Engine times and int64 values', () => {
    assert.equal(
      kmsKeyId('projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3'),
      '//cloudkms.googleapis.com/projects/p/locations/l/keyRings/r/cryptoKeys/k',
    );
    assert.equal(isoTime('2024-03-02T10:11:12.345-08:00'), '2024-03-02T18:11:12.345Z');
    assert.equal(isoTime({ seconds: '1700000000', nanos: 500_000_000 }), '2023-11-14T22:13:20.500Z');
    assert.equal(isoTime('not a time'), undefined);
    assert.equal(toNumber('500'), 500);
    assert.equal(toNumber({ toString: () => '42' }), 42);
  });
});
