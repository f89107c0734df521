import type { protos } from '@google-cloud/functions';
import type { Resource } from '@escher/protocol';
import { isoTime, kmsKeyId, labelsOf, serviceAccountId } from '../names.ts';
import { gcpResource, related } from '../resource.ts';
import { functionIdentity, functionState } from './function-state.ts';

type Function = protos.google.cloud.functions.v2.IFunction;

/** `256M`, `1Gi`, `512Mi` → MB. */
function memoryMb(value: string | null | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(M|Mi|G|Gi|k|Ki)?$/.exec(value ?? '');
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = match[2] ?? 'M';
  return Math.round(
    unit.startsWith('G') ? n * 1024 : unit.startsWith('k') || unit.startsWith('K') ? n / 1024 : n,
  );
}

/** A function as the Cloud Functions v2 API reports it (`Function`), 2nd gen or 1st gen. */
export function normaliseFunction(record: Function, project: string): Resource {
  const { nativeId, location, short } = functionIdentity(record.name);
  const service = record.serviceConfig ?? {};
  const serviceAccount = service.serviceAccountEmail ?? undefined;
  const kmsKey = kmsKeyId(record.kmsKeyName);
  const gen1 = record.environment === 'GEN_1';
  return gcpResource({
    nativeId,
    account: project,
    region: location,
    type: 'serverless.function',
    nativeType: gen1
      ? 'cloudfunctions.googleapis.com/CloudFunction'
      : 'cloudfunctions.googleapis.com/Function',
    name: short,
    state: functionState(record.state),
    tags: labelsOf(record.labels),
    createdAt: isoTime(record.createTime),
    attributes: {
      runtime: record.buildConfig?.runtime ?? undefined,
      generation: gen1 ? 1 : 2,
      entryPoint: record.buildConfig?.entryPoint ?? undefined,
      memoryMb: memoryMb(service.availableMemory),
      timeoutSeconds: service.timeoutSeconds ?? undefined,
      trigger: record.eventTrigger ? 'event' : 'http',
      eventType: record.eventTrigger?.eventType ?? undefined,
      url: record.url ?? service.uri ?? undefined,
      ingress: service.ingressSettings ?? undefined,
      serviceAccount,
      maxInstances: service.maxInstanceCount || undefined,
      updatedAt: isoTime(record.updateTime),
      kmsKeyName: kmsKey,
    },
    relationships: [
      related('uses-role', serviceAccountId(serviceAccount, project)),
      related('uses-key', kmsKey),
    ],
  });
}
