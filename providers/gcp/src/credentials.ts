import { readFileSync } from 'node:fs';
import { UserError } from '@escher/protocol';
import { GoogleAuth, OAuth2Client } from 'google-auth-library';

/**
 * The ways users already hold Google Cloud credentials.
 *
 * - `adc`: Application Default Credentials (`gcloud auth application-default login`,
 *   `GOOGLE_APPLICATION_CREDENTIALS`, the metadata server, workload identity federation).
 * - `key-file`: a service-account JSON key (or any credential JSON gcloud writes).
 * - `access-token`: a bearer token already minted (`gcloud auth print-access-token`, CI, the
 *   simulator, which accepts any bearer).
 *
 * `projects` limits discovery to those project ids instead of every project the identity sees.
 */
export type GcpCredentials =
  | { kind: 'adc'; projects?: readonly string[] }
  | { kind: 'key-file'; path: string; projects?: readonly string[] }
  | { kind: 'access-token'; token: string; projects?: readonly string[] };

/** An authenticated identity: the GoogleAuth every SDK client shares, and its default project. */
export interface GcpAuth {
  auth: GoogleAuth;
  /** The project the credentials name (key file `project_id`, ADC's project), if any. */
  defaultProject(): Promise<string | undefined>;
}

const KEY_HINT =
  'Create a key with `gcloud iam service-accounts keys create key.json --iam-account=NAME@PROJECT.iam.gserviceaccount.com`, or use Application Default Credentials';

/**
 * Builds the shared GoogleAuth for a credential. No OAuth scopes are requested on purpose: a
 * service-account key then signs its own JWT per API (audience = the API's URL) instead of calling
 * Google's token endpoint, which works against Google and, offline, against the simulator (whose
 * token endpoint a key file cannot be pointed at). User and external-account credentials still
 * exchange tokens with their default cloud-platform scope.
 */
export function createAuth(credentials: GcpCredentials): GcpAuth {
  switch (credentials.kind) {
    case 'adc': {
      const auth = new GoogleAuth();
      return { auth, defaultProject: () => auth.getProjectId().catch(() => undefined) };
    }
    case 'key-file': {
      const key = readKeyFile(credentials.path);
      const auth = new GoogleAuth({ credentials: key });
      const project = typeof key['project_id'] === 'string' ? key['project_id'] : undefined;
      return { auth, defaultProject: () => Promise.resolve(project) };
    }
    case 'access-token': {
      if (!credentials.token.trim())
        throw new UserError('gcp-credentials-invalid', 'The GCP access token is empty.', {
          hint: 'Pass the output of `gcloud auth print-access-token`',
        });
      const client = new OAuth2Client();
      // No expiry: the token is used as given; Google answers 401 once it has expired.
      client.setCredentials({ access_token: credentials.token });
      return {
        auth: new GoogleAuth({ authClient: client }),
        defaultProject: () => Promise.resolve(undefined),
      };
    }
  }
}

/** Reads and checks a credential JSON file, failing with a UserError the user can act on. */
export function readKeyFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new UserError('gcp-key-file-unreadable', `Cannot read the GCP key file ${path}.`, {
      hint: KEY_HINT,
      cause,
    });
  }
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch (cause) {
    throw new UserError('gcp-key-file-invalid', `The GCP key file ${path} is not JSON.`, {
      hint: KEY_HINT,
      cause,
    });
  }
  if (typeof key !== 'object' || key === null || typeof (key as Record<string, unknown>)['type'] !== 'string')
    throw new UserError('gcp-key-file-invalid', `The GCP key file ${path} has no credential type.`, {
      hint: KEY_HINT,
    });
  const record = key as Record<string, string>;
  if (
    record['type'] === 'service_account' &&
    (typeof record['client_email'] !== 'string' || typeof record['private_key'] !== 'string')
  )
    throw new UserError(
      'gcp-key-file-invalid',
      `The service-account key ${path} lacks client_email or private_key.`,
      { hint: KEY_HINT },
    );
  return record;
}
