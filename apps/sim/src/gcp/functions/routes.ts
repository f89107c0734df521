import { notFound, permissionDenied } from '../errors.ts';
import { findProject, type GcpProject } from '../estate.ts';
import { isoTime } from '../ids.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import type { CloudFunction } from './types.ts';

export function requireProject(call: GcpCall): GcpProject {
  const project = findProject(call.estate, call.params['project'] ?? '');
  if (!project)
    throw permissionDenied(
      `Permission 'cloudfunctions.functions.list' denied on 'projects/${call.params['project']}/locations/${call.params['location']}/functions'`,
    );
  return project;
}

function functionName(f: CloudFunction): string {
  return `projects/${f.project}/locations/${f.region}/functions/${f.name}`;
}

function eventTrigger(f: CloudFunction, v2: boolean): Record<string, unknown> | undefined {
  if (f.trigger === 'http') return undefined;
  const pubsub = f.trigger === 'pubsub';
  return v2
    ? {
        trigger: `projects/${f.project}/locations/${f.region}/triggers/${f.name}-${f.runHash.slice(0, 6)}`,
        triggerRegion: f.region,
        eventType: pubsub
          ? 'google.cloud.pubsub.topic.v1.messagePublished'
          : 'google.cloud.storage.object.v1.finalized',
        pubsubTopic: pubsub ? f.eventResource : undefined,
        retryPolicy: 'RETRY_POLICY_DO_NOT_RETRY',
        serviceAccountEmail: f.serviceAccountEmail,
      }
    : {
        eventType: pubsub ? 'google.pubsub.topic.publish' : 'google.storage.object.finalize',
        resource: pubsub ? f.eventResource : `projects/_/buckets/${f.eventResource}`,
        service: pubsub ? 'pubsub.googleapis.com' : 'storage.googleapis.com',
        failurePolicy: {},
      };
}

/** Labels as deployed (gcloud adds `deployment-tool`), or exactly as last patched. */
function renderLabels(f: CloudFunction): Record<string, string> | undefined {
  if (!f.labelsPatched) return { 'deployment-tool': 'cli-gcloud', ...f.labels };
  return Object.keys(f.labels).length ? f.labels : undefined;
}

/** Cloud Functions v1 `CloudFunction` (1st gen only). */
export function v1Json(f: CloudFunction, projectNumber: string): Record<string, unknown> {
  return {
    name: functionName(f),
    sourceArchiveUrl: `gs://gcf-sources-${projectNumber}-${f.region}/${f.name}-${f.runHash}/version-${f.versionId}/function-source.zip`,
    httpsTrigger:
      f.trigger === 'http'
        ? {
            url: `https://${f.region}-${f.project}.cloudfunctions.net/${f.name}`,
            securityLevel: 'SECURE_ALWAYS',
          }
        : undefined,
    eventTrigger: eventTrigger(f, false),
    status: 'ACTIVE',
    entryPoint: f.entryPoint,
    timeout: `${f.timeoutSeconds}s`,
    availableMemoryMb: f.memoryMb,
    serviceAccountEmail: f.serviceAccountEmail,
    updateTime: isoTime(f.updatedMs),
    versionId: String(f.versionId),
    labels: renderLabels(f),
    runtime: f.runtime,
    maxInstances: f.maxInstances || undefined,
    ingressSettings: f.ingress,
    buildId: f.buildId,
    buildName: `projects/${projectNumber}/locations/${f.region}/builds/${f.buildId}`,
    dockerRegistry: 'ARTIFACT_REGISTRY',
  };
}

/** Cloud Functions v2 `Function` (both generations; 1st gen ones report environment GEN_1). */
export function v2Json(f: CloudFunction, projectNumber: string): Record<string, unknown> {
  const gen2 = f.generation === 2;
  const url = gen2
    ? `https://${f.name}-${f.runHash}-${f.region.replace(/[^a-z0-9]/g, '').slice(0, 4)}.a.run.app`
    : `https://${f.region}-${f.project}.cloudfunctions.net/${f.name}`;
  return {
    name: functionName(f),
    buildConfig: {
      build: `projects/${projectNumber}/locations/${f.region}/builds/${f.buildId}`,
      runtime: f.runtime,
      entryPoint: f.entryPoint,
      source: {
        storageSource: {
          bucket: `gcf-v2-sources-${projectNumber}-${f.region}`,
          object: `${f.name}/function-source.zip`,
          generation: String(f.updatedMs * 1000),
        },
      },
      dockerRepository: `projects/${f.project}/locations/${f.region}/repositories/gcf-artifacts`,
    },
    serviceConfig: {
      service: gen2 ? `projects/${f.project}/locations/${f.region}/services/${f.name}` : undefined,
      timeoutSeconds: f.timeoutSeconds,
      maxInstanceCount: f.maxInstances || undefined,
      ingressSettings: f.ingress,
      uri: url,
      serviceAccountEmail: f.serviceAccountEmail,
      availableMemory: `${f.memoryMb}M`,
      allTrafficOnLatestRevision: true,
      revision: gen2
        ? `${f.name}-${String(f.versionId).padStart(5, '0')}-${f.runHash.slice(0, 3)}`
        : undefined,
    },
    eventTrigger: eventTrigger(f, true),
    state: 'ACTIVE',
    updateTime: isoTime(f.updatedMs),
    labels: renderLabels(f),
    environment: gen2 ? 'GEN_2' : 'GEN_1',
    url,
    createTime: isoTime(f.createdMs),
  };
}

function select(call: GcpCall, project: string, generations: readonly number[]): CloudFunction[] {
  const location = call.params['location'] ?? '-';
  return call.estate.functions.functions.filter(
    (f) =>
      f.project === project &&
      generations.includes(f.generation) &&
      (location === '-' || f.region === location),
  );
}

function routesFor(version: 'v1' | 'v2'): GcpRoute[] {
  const generations = version === 'v1' ? [1] : [1, 2];
  const render = version === 'v1' ? v1Json : v2Json;
  return [
    {
      method: 'GET',
      path: `/${version}/projects/{project}/locations/{location}/functions`,
      service: 'cloudfunctions',
      operation: 'projects.locations.functions.list',
      handle(call) {
        const project = requireProject(call);
        const page = pageOf(call, select(call, project.projectId, generations), {
          defaultSize: 1000,
          maxSize: 1000,
        });
        return ok({
          functions: page.items.length ? page.items.map((f) => render(f, project.projectNumber)) : undefined,
          nextPageToken: page.nextToken,
        });
      },
    },
    {
      method: 'GET',
      path: `/${version}/projects/{project}/locations/{location}/functions/{function}`,
      service: 'cloudfunctions',
      operation: 'projects.locations.functions.get',
      handle(call) {
        const project = requireProject(call);
        const f = select(call, project.projectId, generations).find(
          (x) => x.name === call.params['function'],
        );
        if (!f)
          throw notFound(
            `Function ${call.params['function']} in region ${call.params['location']} in project ${call.params['project']} does not exist`,
          );
        return ok(render(f, project.projectNumber));
      },
    },
  ];
}

/** Cloud Functions v1 (1st gen) and v2 (both generations) list/get. */
export const functionsRoutes: GcpRoute[] = [...routesFor('v1'), ...routesFor('v2')];
