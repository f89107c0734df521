import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * A fresh self-signed certificate for the Azure endpoint (ARM clients refuse bearer tokens over
 * http). SAN covers 127.0.0.1 and localhost; clients trust it through `tlsOptions.ca` or
 * NODE_EXTRA_CA_CERTS. EC P-256 keeps generation to milliseconds.
 */
export async function generateCertificate(): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const notAfterDate = new Date(Date.now() + 365 * 86_400_000);
  const result = await generate([{ name: 'commonName', value: 'escher-sim' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}
