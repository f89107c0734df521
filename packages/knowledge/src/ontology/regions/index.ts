export * from './region.types.ts';
export * from './geography.ts';
export * from './regions.ts';
export { AWS_REGIONS } from './aws-regions.ts';
export { AZURE_REGIONS } from './azure-regions.ts';
export { GCP_REGIONS, GCP_MULTI_REGIONS } from './gcp-regions.ts';
