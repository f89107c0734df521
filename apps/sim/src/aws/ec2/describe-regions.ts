import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { items } from '../protocol/xml.ts';
import { AWS_REGIONS } from '../regions.ts';
import { checkDryRun } from './ec2-request.ts';
import { applyFilters, type FilterTable } from './filters.ts';

/** Opt-in regions: listed only with `AllRegions=true`, as `not-opted-in`. */
const OPT_IN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'eu-south-1',
  'me-south-1',
  'me-central-1',
  'il-central-1',
];

interface RegionRow {
  name: string;
  endpoint: string;
  optInStatus: string;
}

const FILTERS: FilterTable<RegionRow> = {
  'region-name': (r) => r.name,
  endpoint: (r) => r.endpoint,
  'opt-in-status': (r) => r.optInStatus,
};

/** DescribeRegions: every commercial region the simulator knows, `RegionName.N`, `AllRegions`, `Filter.N`. */
export const describeRegions: AwsOperation = {
  name: 'DescribeRegions',
  handle: ({ params }) => {
    checkDryRun(params);
    const rows: RegionRow[] = AWS_REGIONS.map((r) => ({
      name: r.code,
      endpoint: `ec2.${r.code}.amazonaws.com`,
      optInStatus: 'opt-in-not-required',
    }));
    if (params.bool('AllRegions')) {
      for (const name of OPT_IN_REGIONS)
        rows.push({ name, endpoint: `ec2.${name}.amazonaws.com`, optInStatus: 'not-opted-in' });
    }
    const names = params.list('RegionName');
    const unknown = names.find((n) => !rows.some((r) => r.name === n));
    if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
    const chosen = names.length > 0 ? rows.filter((r) => names.includes(r.name)) : rows;
    return {
      regionInfo: items(
        applyFilters(params, chosen, FILTERS).map((r) => ({
          regionName: r.name,
          regionEndpoint: r.endpoint,
          optInStatus: r.optInStatus,
        })),
      ),
    };
  },
};
