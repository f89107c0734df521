import { z } from 'zod';

/** The cloud-agnostic resource types of SPEC section 3. */
export const RESOURCE_TYPES = [
  'compute.instance',
  'compute.volume',
  'compute.snapshot',
  'storage.bucket',
  'database.instance',
  'serverless.function',
  'container.cluster',
  'network.vpc',
  'network.subnet',
  'network.firewall',
  'network.loadbalancer',
  'network.ip',
  'iam.user',
  'iam.role',
  'security.key',
] as const;
export const ResourceTypeSchema = z.enum(RESOURCE_TYPES);
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
export const CloudSchema = z.enum(CLOUDS);
export type Cloud = z.infer<typeof CloudSchema>;

export const ENVIRONMENTS = ['prod', 'staging', 'dev', 'test'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Words users and tags use for each environment (SPEC section 3). */
export const ENVIRONMENT_SYNONYMS: Readonly<Record<Environment, readonly string[]>> = {
  prod: ['prod', 'production', 'prd', 'live'],
  staging: ['staging', 'stage', 'stg', 'preprod'],
  dev: ['dev', 'development', 'develop'],
  test: ['test', 'testing', 'qa', 'uat'],
};

/** Read actions answer questions; mutating actions need an approved plan (SPEC section 4). */
export const READ_ACTIONS = ['list', 'count', 'describe', 'cost', 'check'] as const;
export const MUTATING_ACTIONS = [
  'start',
  'stop',
  'restart',
  'delete',
  'resize',
  'snapshot',
  'tag',
  'untag',
  'scale',
  'restrict',
  'encrypt',
  'backup',
] as const;
export type MutatingAction = (typeof MUTATING_ACTIONS)[number];
export const ACTIONS = [...READ_ACTIONS, ...MUTATING_ACTIONS, 'other'] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Normalised resource states. Providers map native states onto these. */
export const RESOURCE_STATES = [
  'running',
  'stopped',
  'stopping',
  'starting',
  'pending',
  'terminated',
  'available',
  'in-use',
  'deleting',
  'failed',
  'unknown',
] as const;
export const ResourceStateSchema = z.enum(RESOURCE_STATES);
export type ResourceState = z.infer<typeof ResourceStateSchema>;
