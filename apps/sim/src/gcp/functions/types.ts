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
  /** Labels were replaced by a patch (the deploy-time `deployment-tool` label is no longer implied). */
  labelsPatched?: boolean | undefined;
  versionId: number;
  ingress: 'ALLOW_ALL' | 'ALLOW_INTERNAL_ONLY' | 'ALLOW_INTERNAL_AND_GCLB';
  buildId: string;
  runHash: string;
}

/** A long-running operation of either API (`google.longrunning.Operation`). */
export interface FunctionOperation {
  /** v1: `operations/{id}`; v2: `projects/p/locations/l/operations/{id}`. */
  name: string;
  version: 'v1' | 'v2';
  project: string;
  function: string;
  region: string;
  startMs: number;
  doneAtMs: number;
}

export interface FunctionsState {
  functions: CloudFunction[];
  /** Operations by name. */
  operations: Map<string, FunctionOperation>;
}
