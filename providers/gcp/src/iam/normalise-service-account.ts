import type { iam_v1 } from '@googleapis/iam';
import type { Resource } from '@escher/protocol';
import { gcpResource } from '../resource.ts';

type ServiceAccount = iam_v1.Schema$ServiceAccount;

/** Default accounts Google creates with a project (Compute Engine, App Engine). */
function isDefault(email: string): boolean {
  return (
    email.endsWith('-compute@developer.gserviceaccount.com') || email.endsWith('@appspot.gserviceaccount.com')
  );
}

/**
 * A service account: GCP's identity for workloads, the `iam.role` of SPEC section 3. Named by its
 * email (unique, and what every binding shows); a disabled account is `stopped` (`enabled` false).
 */
export function normaliseServiceAccount(record: ServiceAccount, project: string): Resource {
  const email = record.email ?? '';
  return gcpResource({
    nativeId: `//iam.googleapis.com/projects/${record.projectId ?? project}/serviceAccounts/${email}`,
    account: project,
    region: 'global',
    type: 'iam.role',
    nativeType: 'iam.googleapis.com/ServiceAccount',
    name: email,
    state: record.disabled ? 'stopped' : 'available',
    tags: {},
    attributes: {
      email,
      displayName: record.displayName ?? undefined,
      description: record.description ?? undefined,
      uniqueId: record.uniqueId ?? undefined,
      enabled: record.disabled !== true,
      default: isDefault(email),
    },
  });
}
