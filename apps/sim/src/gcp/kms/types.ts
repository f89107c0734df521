export interface KmsKeyRing {
  project: string;
  location: string;
  name: string;
  createdMs: number;
}

export interface KmsCryptoKey {
  project: string;
  location: string;
  keyRing: string;
  name: string;
  createdMs: number;
  /** Seconds; undefined means automatic rotation is off. */
  rotationPeriodSeconds?: number | undefined;
  nextRotationMs?: number | undefined;
  primaryVersion: number;
  protectionLevel: 'SOFTWARE' | 'HSM';
  labels: Record<string, string>;
}

export interface KmsState {
  keyRings: KmsKeyRing[];
  cryptoKeys: KmsCryptoKey[];
}
