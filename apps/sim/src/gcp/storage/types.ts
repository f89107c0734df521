/** A Cloud Storage IAM binding. */
export interface IamBinding {
  role: string;
  members: string[];
  condition?: Record<string, string> | undefined;
}

export interface GcsObject {
  name: string;
  generation: string;
  createdMs: number;
  updatedMs: number;
  contentType: string;
  data: Buffer;
  metadata?: Record<string, string> | undefined;
}

export interface GcsBucket {
  name: string;
  project: string;
  projectNumber: string;
  createdMs: number;
  updatedMs: number;
  metageneration: number;
  /** `US`, `EU`, `US-CENTRAL1`, … as Cloud Storage reports it. */
  location: string;
  locationType: 'multi-region' | 'region' | 'dual-region';
  storageClass: 'STANDARD' | 'NEARLINE' | 'COLDLINE' | 'ARCHIVE';
  /** undefined: never set (the API omits the field). */
  versioning?: boolean | undefined;
  uniformAccess: boolean;
  publicAccessPrevention: 'enforced' | 'inherited';
  kmsKeyName?: string | undefined;
  labels: Record<string, string>;
  iam: { version: number; bindings: IamBinding[] };
  /** Objects, generated on first access (key: object name). */
  objects?: Map<string, GcsObject> | undefined;
  objectSeed: number;
}

export interface ResumableUpload {
  bucket: string;
  name: string;
  contentType: string;
  metadata?: Record<string, string> | undefined;
}

export interface StorageState {
  buckets: Map<string, GcsBucket>;
  /** Open resumable upload sessions by upload id. */
  uploads: Map<string, ResumableUpload>;
}
