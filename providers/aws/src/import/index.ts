export { AwsConfigImporter, AWS_CONFIG_TYPES } from './aws-config-importer.ts';
export type { ImportOutcome } from './import-outcome.ts';
