import { CURRENT_RUNTIMES, DEPRECATED_RUNTIMES, GEN2_DEPRECATED_RUNTIMES } from '../catalog.ts';
import { fullName } from '../ids.ts';
import {
  counted,
  drawMisconfig,
  envAndApp,
  labelsFor,
  NameSet,
  type GcpGenContext,
} from '../generate-context.ts';
import { accountsOf } from '../iam/generate.ts';
import type { CloudFunction } from './types.ts';

const VERBS = [
  'process',
  'handle',
  'sync',
  'notify',
  'resize',
  'ingest',
  'export',
  'cleanup',
  'webhook',
  'validate',
] as const;
const DAY = 86_400_000;

export function functionFullName(f: Pick<CloudFunction, 'project' | 'region' | 'name'>): string {
  return fullName('cloudfunctions', `projects/${f.project}/locations/${f.region}/functions/${f.name}`);
}

function entryPoint(runtime: string, name: string): string {
  const camel = name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return runtime.startsWith('python') || runtime.startsWith('ruby')
    ? name.replace(/-/g, '_')
    : runtime.startsWith('java')
      ? `com.example.${camel.charAt(0).toUpperCase()}${camel.slice(1)}`
      : camel;
}

/**
 * Cloud Functions of one project: 1st gen (v1 API, `CloudFunction`) and 2nd gen (v2 API,
 * `Function`; v2 also lists 1st gen ones). Runtimes past end of support
 * (`serverless.function.deprecated-runtime`: python37, nodejs10, go113, …) at the documented rate.
 */
export function generateFunctions(ctx: GcpGenContext): void {
  const rng = ctx.rng.fork('functions');
  const { projectId } = ctx.project;
  const accounts = accountsOf(ctx);
  const names = new NameSet();
  for (let i = 0; i < ctx.budget.functions; i++) {
    const { env, app } = envAndApp(ctx, rng);
    const generation = rng.chance(0.55) ? 1 : 2;
    const region = rng.pick(ctx.project.regions);
    const name = names.take(
      rng.chance(0.5) ? `${rng.pick(VERBS)}-${app}` : `${app}-${rng.pick(VERBS)}-${env}`,
    );
    const createdMs = ctx.epoch - rng.int(5, 1500) * DAY - rng.int(0, DAY - 1);
    const trigger = rng.weighted([
      ['http', 5],
      ['pubsub', 3],
      ['storage', 2],
    ] as const);
    const fn: CloudFunction = {
      project: projectId,
      region,
      name,
      generation,
      runtime: rng.pick(CURRENT_RUNTIMES),
      entryPoint: '',
      createdMs,
      updatedMs: createdMs + rng.int(0, 200) * DAY,
      trigger,
      eventResource:
        trigger === 'pubsub'
          ? `projects/${projectId}/topics/${app}-events`
          : trigger === 'storage'
            ? `${projectId}-${app}-uploads`
            : undefined,
      memoryMb: rng.pick([128, 256, 256, 512, 1024, 2048]),
      timeoutSeconds: rng.pick([60, 60, 120, 300, 540]),
      maxInstances: rng.pick([0, 10, 100, 3000]),
      serviceAccountEmail: rng.chance(0.6) ? `${projectId}@appspot.gserviceaccount.com` : rng.pick(accounts),
      labels: {},
      versionId: rng.int(1, 40),
      ingress: rng.weighted([
        ['ALLOW_ALL', 6],
        ['ALLOW_INTERNAL_ONLY', 2],
        ['ALLOW_INTERNAL_AND_GCLB', 1],
      ] as const),
      buildId: rng.uuid(),
      runHash: rng.hex(10),
    };
    if (drawMisconfig(ctx, rng, 'serverless.function.deprecated-runtime', functionFullName(fn))) {
      fn.runtime = rng.pick(generation === 1 ? DEPRECATED_RUNTIMES : GEN2_DEPRECATED_RUNTIMES);
    }
    fn.entryPoint = entryPoint(fn.runtime, name);
    fn.labels = labelsFor(ctx, rng, functionFullName(fn), env, app);
    ctx.estate.functions.functions.push(fn);
    counted(ctx, 'serverless.function');
  }
}
