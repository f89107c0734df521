export { GcpAssetImporter } from './gcp-asset-importer.ts';
export type { ImportOutcome } from './import-outcome.ts';
