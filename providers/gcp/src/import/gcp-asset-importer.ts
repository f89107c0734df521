import { publicMembers } from '../iam-policy.ts';
import { ASSET_NORMALISERS, type AssetContext } from './asset-normalisers.ts';
import { readAssetRecord, type AssetRecord } from './asset-record.ts';
import { invalidRecord, type ImportOutcome } from './import-outcome.ts';
import { SEARCH_RESULT_GAPS, summariseSearchResult } from './search-result.ts';

const PROJECT_IN_NAME = /^\/\/[^/]+\/projects\/([^/]+)\//;
const FUNCTION_V1 = 'cloudfunctions.googleapis.com/CloudFunction';
const FUNCTION_V2 = 'cloudfunctions.googleapis.com/Function';

/**
 * Imports Cloud Asset Inventory records — `gcloud asset export` NDJSON (resource and
 * `iam-policy` content, merged by asset name), `gcloud asset list --format=json`, and
 * `gcloud asset search-all-resources --format=json` — into Resources. Records with
 * `resource.data` (the service's REST resource) go through the provider's normalisers, exactly as
 * a sync; search results without data are summarised from what they carry (see
 * {@link SEARCH_RESULT_GAPS}). Two passes: `observe` every record (IAM policies, project numbers,
 * 1st gen functions' creation times), then `normalise` each.
 *
 * Buckets and snapshots are public when their IAM policy grants `allUsers` or
 * `allAuthenticatedUsers`; when the file carries no IAM policy at all, `public` is unknown
 * (left out) rather than false.
 */
export class GcpAssetImporter {
  readonly cloud = 'gcp' as const;
  private readonly policies = new Map<string, string[]>();
  private policiesSeen = false;
  private readonly projectIds = new Map<string, string>();
  private readonly gen1 = new Set<string>();
  private readonly gen1Created = new Map<string, unknown>();
  private summarised = 0;

  private readonly context: AssetContext = {
    publicMembers: (name) => (this.policiesSeen ? (this.policies.get(name) ?? []) : undefined),
    gen1CreateTime: (name) => this.gen1Created.get(name),
  };

  /** First pass. Never throws. */
  observe(raw: unknown): void {
    let record: AssetRecord;
    try {
      record = readAssetRecord(raw, '');
    } catch {
      return;
    }
    if (record.iamPolicy) {
      this.policiesSeen = true;
      this.policies.set(record.name, publicMembers(record.iamPolicy.bindings));
    }
    const data = record.data;
    if (record.assetType === 'cloudresourcemanager.googleapis.com/Project' && data) {
      const number = data['projectNumber'];
      if (typeof data['projectId'] === 'string' && number !== undefined)
        this.projectIds.set(String(number), data['projectId']);
    }
    const inName = PROJECT_IN_NAME.exec(record.name)?.[1];
    const numbered = record.ancestors.find((a) => a.startsWith('projects/'))?.slice('projects/'.length);
    if (inName && !/^\d+$/.test(inName) && inName !== '_' && numbered && /^\d+$/.test(numbered))
      this.projectIds.set(numbered, inName);
    if (data && record.assetType === FUNCTION_V1 && typeof data['name'] === 'string') {
      this.gen1.add(data['name']);
      // A search result says when the function was created; the v1 resource does not.
      if (record.search?.createTime && !this.gen1Created.has(data['name']))
        this.gen1Created.set(data['name'], record.search.createTime);
    }
    if (
      data &&
      record.assetType === FUNCTION_V2 &&
      data['environment'] === 'GEN_1' &&
      typeof data['name'] === 'string'
    )
      this.gen1Created.set(data['name'], data['createTime']);
  }

  /** Second pass: the record as Resources, or why it is ignored. Throws `import-record-invalid`. */
  normalise(raw: unknown, path: string): ImportOutcome {
    const record = readAssetRecord(raw, path);
    const project = this.projectOf(record);
    if (!record.data) {
      if (!record.search) return { ignored: `IAM policy (merged into ${record.assetType} assets)` };
      const summary = summariseSearchResult(record, project);
      if (!summary) return { ignored: record.assetType };
      this.summarised += 1;
      return { resources: [summary] };
    }
    const normalise = ASSET_NORMALISERS[record.assetType];
    if (!normalise) return { ignored: record.assetType };
    // The sync describes a 1st gen function once, from the v1 API: its v2 twin is not another resource.
    if (
      record.assetType === FUNCTION_V2 &&
      record.data['environment'] === 'GEN_1' &&
      this.gen1.has(String(record.data['name']))
    )
      return { ignored: `${FUNCTION_V2} of a 1st gen function (described by its ${FUNCTION_V1} asset)` };
    return { resources: [normalise(record.data as never, project, record.name, this.context)] };
  }

  /** What the imported records could not say, for the summary. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.summarised > 0) notes.push(`${this.summarised} resources from ${SEARCH_RESULT_GAPS}`);
    if (!this.policiesSeen)
      notes.push(
        'no iam-policy records: whether buckets and snapshots are public is unknown ' +
          '(export with --content-type=iam-policy too and import both files concatenated)',
      );
    return notes;
  }

  /**
   * The project id: from the asset name (`//…/projects/ID/…`), the data (`projectId`, Cloud SQL's
   * `project`), or a project number mapped through the file's other assets; the number itself
   * when nothing maps it. Throws when the record names no project at all.
   */
  private projectOf(record: AssetRecord): string {
    const inName = PROJECT_IN_NAME.exec(record.name)?.[1];
    if (inName && inName !== '_' && !/^\d+$/.test(inName)) return inName;
    const data = record.data ?? {};
    for (const key of ['projectId', 'project'])
      if (typeof data[key] === 'string' && !/^\d+$/.test(data[key])) return data[key];
    const number =
      (inName && inName !== '_' ? inName : undefined) ??
      (data['projectNumber'] !== undefined ? String(data['projectNumber']) : undefined) ??
      record.ancestors.find((a) => a.startsWith('projects/'))?.slice('projects/'.length) ??
      record.search?.project?.replace(/^projects\//, '');
    const found = (number && this.projectIds.get(number)) ?? number;
    if (!found)
      throw invalidRecord(`${record.path}.ancestors`, 'no project in the name, the data or the ancestors');
    return found;
  }
}
