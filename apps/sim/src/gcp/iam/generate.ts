import { fullName } from '../ids.ts';
import { counted, NameSet, type GcpGenContext } from '../generate-context.ts';
import type { ServiceAccount } from './types.ts';

const ROLES = [
  'runner',
  'deployer',
  'ci',
  'reader',
  'backup',
  'etl',
  'gke-nodes',
  'functions',
  'scheduler',
  'monitoring',
] as const;

/** The project's default compute service account email (`{number}-compute@developer…`). */
export function defaultComputeAccount(projectNumber: string): string {
  return `${projectNumber}-compute@developer.gserviceaccount.com`;
}

/** `//iam.googleapis.com/projects/{p}/serviceAccounts/{email}`. */
export function serviceAccountFullName(project: string, email: string): string {
  return fullName('iam', `projects/${project}/serviceAccounts/${email}`);
}

/**
 * Service accounts of one project: the Compute Engine default account, often the App Engine
 * default, then user-managed ones (`payments-runner@acme-payments-prod-4821.iam.gserviceaccount.com`).
 */
export function generateServiceAccounts(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('service-accounts');
  const { projectId, projectNumber } = ctx.project;
  const names = new NameSet();
  const add = (email: string, displayName: string, description: string): void => {
    const account: ServiceAccount = {
      project: projectId,
      email,
      uniqueId: `1${rng.digits(20)}`,
      displayName,
      description,
      disabled: rng.chance(0.04),
      createdMs: ctx.project.createdMs + rng.int(0, 400) * 86_400_000,
    };
    ctx.estate.iam.serviceAccounts.push(account);
    counted(ctx, 'iam.role');
  };
  add(defaultComputeAccount(projectNumber), 'Compute Engine default service account', '');
  let made = 1;
  if (rng.chance(0.5)) {
    add(`${projectId}@appspot.gserviceaccount.com`, 'App Engine default service account', '');
    made++;
  }
  for (; made < Math.max(2, ctx.budget.serviceAccounts); made++) {
    const app = rng.chance(0.6) ? ctx.app : rng.pick(['platform', 'data', 'ops', 'terraform', 'github']);
    const id = names
      .take(`${app}-${rng.pick(ROLES)}`)
      .slice(0, 30)
      .replace(/-+$/, '');
    add(
      `${id}@${projectId}.iam.gserviceaccount.com`,
      `${app} ${id.split('-').slice(1).join(' ')}`.trim(),
      `Service account for ${app}`,
    );
  }
}

/** Service account emails of a project (instances, functions and clusters run as one of these). */
export function accountsOf(ctx: GcpGenContext): string[] {
  return ctx.estate.iam.serviceAccounts
    .filter((a) => a.project === ctx.project.projectId)
    .map((a) => a.email);
}
