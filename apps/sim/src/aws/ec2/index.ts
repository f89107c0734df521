import type { AwsService } from '../operation.ts';
import { authorizeSecurityGroupIngress } from './authorize-security-group-ingress.ts';
import { createSnapshot } from './create-snapshot.ts';
import { createTags } from './create-tags.ts';
import { deleteSnapshot } from './delete-snapshot.ts';
import { deleteTags } from './delete-tags.ts';
import { deleteVolume } from './delete-volume.ts';
import { describeAddresses } from './describe-addresses.ts';
import { describeAvailabilityZones } from './describe-availability-zones.ts';
import { describeInstances } from './describe-instances.ts';
import { describeRegions } from './describe-regions.ts';
import { describeSecurityGroups } from './describe-security-groups.ts';
import { describeSnapshotAttribute } from './describe-snapshot-attribute.ts';
import { describeSnapshots } from './describe-snapshots.ts';
import { describeSubnets } from './describe-subnets.ts';
import { describeVolumes } from './describe-volumes.ts';
import { describeVpcs } from './describe-vpcs.ts';
import { modifyInstanceAttribute } from './modify-instance-attribute.ts';
import { modifySnapshotAttribute } from './modify-snapshot-attribute.ts';
import { rebootInstances } from './reboot-instances.ts';
import { releaseAddress } from './release-address.ts';
import { revokeSecurityGroupIngress } from './revoke-security-group-ingress.ts';
import { runInstances } from './run-instances.ts';
import { startInstances } from './start-instances.ts';
import { stopInstances } from './stop-instances.ts';
import { terminateInstances } from './terminate-instances.ts';

/** Amazon EC2 (ec2 query protocol, API version 2016-11-15). */
export const EC2_SERVICE: AwsService = {
  signingName: 'ec2',
  protocol: 'ec2',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: [
    describeRegions,
    describeAvailabilityZones,
    describeInstances,
    describeVolumes,
    describeSnapshots,
    describeSnapshotAttribute,
    describeSecurityGroups,
    describeAddresses,
    describeVpcs,
    describeSubnets,
    startInstances,
    stopInstances,
    rebootInstances,
    terminateInstances,
    modifyInstanceAttribute,
    createTags,
    deleteTags,
    createSnapshot,
    deleteVolume,
    releaseAddress,
    revokeSecurityGroupIngress,
    authorizeSecurityGroupIngress,
    deleteSnapshot,
    modifySnapshotAttribute,
    runInstances,
  ],
};
