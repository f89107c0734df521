import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { zonesOf, type ZoneInfo } from './catalog.ts';
import { checkDryRun } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';

/** DescribeAvailabilityZones of the call's region: `ZoneName.N`, `ZoneId.N`, `Filter.N`. */
export const describeAvailabilityZones: AwsOperation = {
  name: 'DescribeAvailabilityZones',
  handle: ({ params, region }) => {
    checkDryRun(params);
    const zones = zonesOf(region);
    const filters: FilterTable<ZoneInfo> = {
      'zone-name': (z) => z.name,
      'zone-id': (z) => z.id,
      'region-name': () => region,
      state: () => 'available',
      'zone-type': () => 'availability-zone',
      'group-name': () => region,
      'opt-in-status': () => 'opt-in-not-required',
      'network-border-group': () => region,
    };
    const names = params.list('ZoneName');
    const zoneIds = params.list('ZoneId');
    const unknown =
      names.find((n) => !zones.some((z) => z.name === n)) ??
      zoneIds.find((n) => !zones.some((z) => z.id === n));
    if (unknown) throw new AwsError('InvalidParameterValue', `The zone '${unknown}' does not exist.`);
    const chosen =
      names.length + zoneIds.length > 0
        ? zones.filter((z) => names.includes(z.name) || zoneIds.includes(z.id))
        : zones;
    return {
      availabilityZoneInfo: items(
        applyFilters(params, chosen, filters).map((z) => ({
          optInStatus: 'opt-in-not-required',
          zoneState: 'available',
          messageSet: items([]),
          regionName: region,
          zoneName: z.name,
          zoneId: z.id,
          groupName: region,
          networkBorderGroup: region,
          zoneType: 'availability-zone',
          groupLongName: region,
        })),
      ),
    };
  },
};
