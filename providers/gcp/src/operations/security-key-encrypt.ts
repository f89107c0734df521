import { operationParams, UserError } from '@escher/protocol';
import { durationSeconds } from '../names.ts';
import { mutate } from './core/call.ts';
import { defineOperation, localDryRun } from './core/define.ts';
import { cryptoKeyRef } from './core/target.ts';
import { getCryptoKey } from './refresh/service-readers.ts';

const DAY_S = 86_400;

/**
 * `security.key.encrypt`: automatic rotation of a Cloud KMS key (cryptoKeys.patch of
 * `rotationPeriod` and `nextRotationTime`), so new data is encrypted under fresh key material
 * every `rotationPeriodDays` (default 90; 0 turns rotation off). The first rotation is one period
 * from now. Undo: the previous period (0 when rotation was off).
 */
export const securityKeyEncrypt = defineOperation({
  id: 'security.key.encrypt',
  types: ['security.key'],
  params: operationParams('security.key.encrypt').transform((p) => ({
    rotationPeriodDays: p.rotationPeriodDays ?? 90,
  })),
  async run({ ctx, target, params, dryRun }) {
    const ref = cryptoKeyRef(target);
    const key = await getCryptoKey(ctx, ref.name);
    const before = Math.round((durationSeconds(key.rotationPeriod) ?? 0) / DAY_S);
    const short = ref.name.split('/').pop();
    const word = params.rotationPeriodDays ? `every ${params.rotationPeriodDays} days` : 'off';
    if (before === params.rotationPeriodDays)
      return {
        status: dryRun ? 'dry-run-ok' : 'succeeded',
        message: `rotation of key ${short} is already ${word}`,
      };
    if (params.rotationPeriodDays && key.purpose && key.purpose !== 'ENCRYPT_DECRYPT')
      throw new UserError(
        'gcp-key-rotation-unsupported',
        `Cloud KMS rotates only symmetric encryption keys; key ${short} is ${key.purpose}.`,
        { hint: 'Rotate asymmetric and MAC keys by creating new key versions' },
      );
    if (dryRun) return localDryRun(`would set rotation of key ${short} ${word}`);
    const seconds = params.rotationPeriodDays * DAY_S;
    const client = await ctx.clients.kms();
    await mutate(
      ctx,
      { service: 'cloudkms', operation: 'projects.locations.keyRings.cryptoKeys.patch' },
      () =>
        client.updateCryptoKey({
          cryptoKey: {
            name: ref.name,
            ...(seconds
              ? {
                  rotationPeriod: { seconds },
                  nextRotationTime: { seconds: Math.floor(Date.now() / 1000) + seconds },
                }
              : {}),
          },
          updateMask: { paths: ['rotation_period', 'next_rotation_time'] },
        }),
    );
    return {
      status: 'succeeded',
      message: `set rotation of key ${short} ${word}`,
      undo: { operation: 'security.key.encrypt', params: { rotationPeriodDays: before } },
    };
  },
});
