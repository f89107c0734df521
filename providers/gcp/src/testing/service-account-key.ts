import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A service-account key file as `gcloud iam service-accounts keys create` writes it. */
export function writeServiceAccountKey(dir: string, project = 'acme-keyfile-1234'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(dir, 'key.json');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: project,
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: `scanner@${project}.iam.gserviceaccount.com`,
      client_id: '1',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return path;
}
