export interface CloudFunction {
  project: string;
  region: string;
  name: string;
  generation: 1 | 2;
  runtime: string;
  entryPoint: string;
  createdMs: number;
  updatedMs: number;
  trigger: 'http' | 'pubsub' | 'storage';
  /** Pub/Sub topic or bucket for event triggers. */
  eventResource?: string | undefined;
  memoryMb: number;
  timeoutSeconds: number;
  maxInstances: number;
  serviceAccountEmail: string;
  labels: Record<string, string>;
  versionId: number;
  ingress: 'ALLOW_ALL' | 'ALLOW_INTERNAL_ONLY' | 'ALLOW_INTERNAL_AND_GCLB';
  buildId: string;
  runHash: string;
}

export interface FunctionsState {
  functions: CloudFunction[];
}
