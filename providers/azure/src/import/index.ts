export { AzureGraphImporter } from './azure-graph-importer.ts';
export type { ImportOutcome } from './import-outcome.ts';
