import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { UserError } from '@escher/protocol';

/**
 * Purposes a signature is made for. The signed bytes are `<purpose>\n<message>`, so a signature
 * made for one purpose (an approval) can never be passed off as another (a ledger entry).
 */
export const SIGNATURE_PURPOSES = {
  ledgerEntry: 'escher-ledger-entry-v1',
  ledgerHead: 'escher-ledger-head-v1',
  approval: 'escher-approval-v1',
} as const;
export type SignaturePurpose = (typeof SIGNATURE_PURPOSES)[keyof typeof SIGNATURE_PURPOSES];

/**
 * The local user's Ed25519 key: it signs every ledger entry, the ledger's head checkpoint and
 * (for the engine) approvals. The private key lives only in the vault (AES-256-GCM inside the
 * encrypted store); the public key is written into the ledger's first entry, so anyone holding
 * the ledger can verify it without a secret.
 *
 * @example
 * const key = SigningKey.generate();
 * const signature = key.sign(SIGNATURE_PURPOSES.approval, planHash);
 * verifySignature(key.publicKey, SIGNATURE_PURPOSES.approval, planHash, signature); // true
 */
export class SigningKey {
  /** SPKI DER, base64. */
  readonly publicKey: string;
  /** `ed25519:` + the first 128 bits of SHA-256 over the SPKI DER, hex. */
  readonly keyId: string;
  /** The public key, parsed once (verifying with it needs no re-parse). */
  readonly publicKeyObject: KeyObject;

  private constructor(private readonly privateKey: KeyObject) {
    this.publicKeyObject = createPublicKey(privateKey);
    this.publicKey = this.publicKeyObject.export({ format: 'der', type: 'spki' }).toString('base64');
    this.keyId = keyIdOf(this.publicKey);
  }

  static generate(): SigningKey {
    return new SigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  /** A key from its PKCS#8 DER (base64), as the vault keeps it. */
  static fromPkcs8(base64: string): SigningKey {
    try {
      const key = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
      if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
      return new SigningKey(key);
    } catch (error) {
      throw new UserError(
        'ledger-key-invalid',
        'The ledger signing key in the vault is not a valid Ed25519 key.',
        {
          cause: error,
          hint: 'The vault entry escher:ledger-key was changed; restore the store from a backup.',
        },
      );
    }
  }

  /** PKCS#8 DER, base64: what the vault stores. */
  toPkcs8(): string {
    return this.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  }

  /** A base64 Ed25519 signature over `<purpose>\n<message>`. */
  sign(purpose: SignaturePurpose, message: string): string {
    return sign(null, signedBytes(purpose, message), this.privateKey).toString('base64');
  }
}

/** The id of a public key (SPKI DER, base64). */
export function keyIdOf(publicKey: string): string {
  return `ed25519:${createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 32)}`;
}

/** A public key object from SPKI DER (base64); undefined when it is not an Ed25519 key. */
export function parsePublicKey(publicKey: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `signature` is `publicKey`'s signature of `message` for `purpose`. Needs no secret. */
export function verifySignature(
  publicKey: string | KeyObject,
  purpose: SignaturePurpose,
  message: string,
  signature: string,
): boolean {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  if (!key) return false;
  try {
    return verify(null, signedBytes(purpose, message), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function signedBytes(purpose: SignaturePurpose, message: string): Buffer {
  return Buffer.from(`${purpose}\n${message}`, 'utf8');
}
