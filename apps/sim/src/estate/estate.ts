import type { SimManifest } from '@escher/protocol';
import { Rng } from '../core/rng.ts';
import { generateAws } from '../aws/generate.ts';
import type { AwsEstate } from '../aws/estate.ts';
import { generateAzure } from '../azure/generate.ts';
import type { AzureEstate } from '../azure/estate.ts';
import { generateGcp } from '../gcp/generate.ts';
import type { GcpEstate } from '../gcp/estate.ts';
import { ManifestBuilder } from './manifest-builder.ts';
import { planEstate, type EstatePlan } from './size.ts';

/** Everything the simulator holds: each cloud's native state, and the manifest describing it. */
export interface Estate {
  aws: AwsEstate;
  azure: AzureEstate;
  gcp: GcpEstate;
  manifest: SimManifest;
}

export interface EstateOptions {
  seed: number;
  /** small | medium | large | a total resource count. */
  size: string;
  /** Reference instant (ms); creation dates, ages and histories are relative to it. */
  epoch: number;
}

/** What each cloud's generator receives. */
export interface GenerateInput {
  rng: Rng;
  plan: EstatePlan;
  epoch: number;
  manifest: ManifestBuilder;
}

/**
 * Generates a deterministic estate: the same seed, size and epoch give byte-identical state. Each
 * cloud draws from its own forked stream, so adding a resource kind to one cloud leaves the others
 * unchanged.
 */
export function generateEstate(options: EstateOptions): Estate {
  const started = performance.now();
  const plan = planEstate(options.size);
  const root = new Rng(options.seed);
  const manifest = new ManifestBuilder();
  const input = (cloud: string): GenerateInput => ({
    rng: root.fork(cloud),
    plan,
    epoch: options.epoch,
    manifest,
  });
  const aws = generateAws(input('aws'));
  const azure = generateAzure(input('azure'));
  const gcp = generateGcp(input('gcp'));
  return {
    aws,
    azure,
    gcp,
    manifest: manifest.build({
      seed: options.seed,
      size: options.size,
      epoch: new Date(options.epoch).toISOString(),
      generatedInMs: Math.round(performance.now() - started),
    }),
  };
}

/** The start of the current UTC day: the default epoch. */
export function todayEpoch(now = Date.now()): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}
