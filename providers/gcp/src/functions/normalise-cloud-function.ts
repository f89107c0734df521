import type { protos } from '@google-cloud/functions';
import type { Resource } from '@escher/protocol';
import { durationSeconds, isoTime, kmsKeyId, labelsOf, serviceAccountId } from '../names.ts';
import { gcpResource, related } from '../resource.ts';
import { functionIdentity, functionState } from './function-state.ts';

type CloudFunction = protos.google.cloud.functions.v1.ICloudFunction;

/**
 * A 1st gen function as the Cloud Functions v1 API reports it (`CloudFunction`). The v1 API has
 * no creation time; `createdAt` comes from the same function's v2 record when there is one.
 */
export function normaliseCloudFunction(record: CloudFunction, project: string, createdAt?: string): Resource {
  const { nativeId, location, short } = functionIdentity(record.name);
  const serviceAccount = record.serviceAccountEmail ?? undefined;
  const kmsKey = kmsKeyId(record.kmsKeyName);
  return gcpResource({
    nativeId,
    account: project,
    region: location,
    type: 'serverless.function',
    nativeType: 'cloudfunctions.googleapis.com/CloudFunction',
    name: short,
    state: functionState(record.status),
    tags: labelsOf(record.labels),
    createdAt,
    attributes: {
      runtime: record.runtime ?? undefined,
      generation: 1,
      entryPoint: record.entryPoint ?? undefined,
      memoryMb: record.availableMemoryMb ?? undefined,
      timeoutSeconds: durationSeconds(record.timeout),
      trigger: record.httpsTrigger ? 'http' : record.eventTrigger ? 'event' : undefined,
      eventType: record.eventTrigger?.eventType ?? undefined,
      url: record.httpsTrigger?.url ?? undefined,
      ingress: record.ingressSettings ?? undefined,
      serviceAccount,
      maxInstances: record.maxInstances || undefined,
      updatedAt: isoTime(record.updateTime),
      kmsKeyName: kmsKey,
    },
    relationships: [
      related('uses-role', serviceAccountId(serviceAccount, project)),
      related('uses-key', kmsKey),
    ],
  });
}
