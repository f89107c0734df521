import type { Resource } from '@escher/protocol';
import { AwsConfigImporter } from '@escher/provider-aws';
import { AzureGraphImporter } from '@escher/provider-azure';
import { GcpAssetImporter } from '@escher/provider-gcp';
import { EscherExportImporter } from './escher-export-importer.ts';
import type { ImportFormatId } from './import-format.ts';

/**
 * What each format's importer does with a record (the providers' importers have this shape):
 * `observe` every record first when the format relates records to each other (IAM policies,
 * network interfaces, KMS aliases), then `normalise` each into resources, or say why it is
 * ignored, or throw `import-record-invalid` naming the field.
 */
export interface RecordImporter {
  observe?(raw: unknown): void;
  /** Only records whose text holds one of these strings can matter to `observe`. */
  readonly observeOnly?: readonly string[];
  normalise(raw: unknown, path: string): { resources: Resource[] } | { ignored: string };
  notes?(): string[];
}

/** The importer of a format; `now` is the clock ages and deprecations are judged at. */
export function createImporter(format: ImportFormatId, now: () => number): RecordImporter {
  switch (format) {
    case 'aws-config':
      return new AwsConfigImporter({ now });
    case 'azure-resource-graph':
      return new AzureGraphImporter();
    case 'gcp-asset-inventory':
      return new GcpAssetImporter();
    case 'escher':
      return new EscherExportImporter();
  }
}
