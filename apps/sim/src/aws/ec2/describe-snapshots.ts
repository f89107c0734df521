import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { pageOf, selectByIds } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { snapshotProgress, snapshotXml } from './snapshot-view.ts';
import type { Ec2Snapshot } from './state.ts';

const FILTERS: FilterTable<Ec2Snapshot> = {
  'snapshot-id': (s) => s.id,
  'volume-id': (s) => s.volumeId,
  status: (s) => s.state,
  'owner-id': (s) => s.ownerId,
  encrypted: (s) => s.encrypted,
  description: (s) => s.description,
  'volume-size': (s) => s.volumeSize,
  'kms-key-id': (s) => s.kmsKeyId,
  'start-time': (s) => new Date(s.startTime).toISOString(),
  'storage-tier': () => 'standard',
};

/**
 * DescribeSnapshots of this account: `SnapshotId.N`, `OwnerId.N` (`self` or the account id; other
 * owners have nothing here), `RestorableByUserId.N` (`all` = public ones; an account id = shared
 * with it), `Filter.N`, `MaxResults` (5–1000) / `NextToken`.
 */
export const describeSnapshots: AwsOperation = {
  name: 'DescribeSnapshots',
  handle: (call) => {
    const { params, regionState, account, sim } = call;
    const snapshots = regionState.ec2.snapshots;
    let base = selectByIds(params, {
      param: 'SnapshotId',
      prefix: 'snap',
      malformed: 'InvalidSnapshotID.Malformed',
      listName: 'snapshotSet',
      get: (id) => snapshots.get(id),
      notFound: (missing) =>
        new AwsError('InvalidSnapshot.NotFound', `The snapshot '${missing[0]}' does not exist.`),
      all: () => [...snapshots.values()],
    });
    const owners = params.list('Owner');
    const restorable = params.list('RestorableBy');
    if (owners.length > 0) {
      const mine = owners.some((o) => o === 'self' || o === account.id);
      base = mine ? base : [];
    }
    if (restorable.length > 0) {
      base = base.filter((s) =>
        restorable.some((r) =>
          r === 'all' ? s.public : r === 'self' || r === account.id || s.sharedWith.includes(r),
        ),
      );
    }
    for (const s of base) snapshotProgress(s, sim.clock);
    const selected = applyFilters(params, base, FILTERS, (s) => s.tags);
    const page = pageOf(call, selected);
    return {
      snapshotSet: items(page.items.map((s) => snapshotXml(s, sim.clock))),
      nextToken: page.nextToken,
    };
  },
};
