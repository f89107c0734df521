import { UserError, type Resource } from '@escher/protocol';

/**
 * What importing one export record gave: resources (normalised exactly as a sync would), or a
 * record that is valid but describes nothing Escher models (a project, an IAM policy merged into
 * its resource), said in `ignored` so the import summary can count it instead of dropping it
 * silently.
 */
export type ImportOutcome = { resources: Resource[] } | { ignored: string };

/**
 * A record that cannot be imported: `path` names the field as the file spells it
 * (`line 17: assetType`), so the summary can say exactly what to fix.
 */
export function invalidRecord(path: string, problem: string): UserError {
  return new UserError('import-record-invalid', `${path}: ${problem}`, {
    details: { field: path },
    hint: 'Fix or remove the record and import again; the other records were imported',
  });
}
