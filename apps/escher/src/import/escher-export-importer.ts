import { ResourceSchema, UserError, type Resource } from '@escher/protocol';
import type { RecordImporter } from './record-importer.ts';

/**
 * Reads `escher resources --json` (`{count, resources}`), a bare array of resources or one
 * resource per line: resources already normalised, of any cloud, each validated against the SPEC
 * section 3 schema. The first invalid field of a record names it: `resources[3].type: …`.
 */
export class EscherExportImporter implements RecordImporter {
  normalise(raw: unknown, path: string): { resources: Resource[] } {
    const parsed = ResourceSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      throw new UserError('import-record-invalid', `${path}${field}: ${issue.message}`, {
        details: { field: `${path}${field}` },
      });
    }
    if (parsed.data.id !== parsed.data.nativeId)
      throw new UserError('import-record-invalid', `${path}.id: differs from nativeId (they must be equal)`);
    return { resources: [parsed.data] };
  }
}
