import { notFound, permissionDenied } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import type { ServiceAccount } from './types.ts';

function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(`Permission 'iam.serviceAccounts.list' denied on resource (or it may not exist).`);
  return project;
}

function accountJson(a: ServiceAccount): Record<string, unknown> {
  return {
    name: `projects/${a.project}/serviceAccounts/${a.email}`,
    projectId: a.project,
    uniqueId: a.uniqueId,
    email: a.email,
    displayName: a.displayName || undefined,
    etag: 'MDEwMjE5MjA=',
    description: a.description || undefined,
    oauth2ClientId: a.uniqueId,
    disabled: a.disabled || undefined,
  };
}

/** IAM service accounts list/get (get by email or unique id). */
export const iamRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/v1/projects/{project}/serviceAccounts',
    service: 'iam',
    operation: 'projects.serviceAccounts.list',
    handle(call) {
      const project = requireProject(call).projectId;
      const accounts = call.estate.iam.serviceAccounts.filter((a) => a.project === project);
      const page = pageOf(call, accounts, { defaultSize: 20, maxSize: 100 });
      return ok({
        accounts: page.items.length ? page.items.map(accountJson) : undefined,
        nextPageToken: page.nextToken,
      });
    },
  },
  {
    method: 'GET',
    path: '/v1/projects/{project}/serviceAccounts/{account}',
    service: 'iam',
    operation: 'projects.serviceAccounts.get',
    handle(call) {
      const wanted = call.params['account'];
      const project = call.params['project'] === '-' ? undefined : requireProject(call).projectId;
      const account = call.estate.iam.serviceAccounts.find(
        (a) =>
          (project === undefined || a.project === project) && (a.email === wanted || a.uniqueId === wanted),
      );
      if (!account) throw notFound(`Unknown service account`);
      return ok(accountJson(account));
    },
  },
];
