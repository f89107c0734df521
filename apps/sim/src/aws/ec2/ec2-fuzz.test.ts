import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.ts';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { EC2_SERVICE } from './index.ts';

const AUTH = (region: string): string =>
  `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEESCHERSIM/20261101/${region}/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;

const PARAMS = [
  'InstanceId.1',
  'InstanceId.2',
  'VolumeId',
  'VolumeId.1',
  'SnapshotId',
  'SnapshotId.1',
  'GroupId',
  'GroupId.1',
  'GroupName',
  'AllocationId',
  'PublicIp',
  'ResourceId.1',
  'Tag.1.Key',
  'Tag.1.Value',
  'Filter.1.Name',
  'Filter.1.Value.1',
  'MaxResults',
  'NextToken',
  'DryRun',
  'Owner.1',
  'RestorableBy.1',
  'InstanceType.Value',
  'Attribute',
  'Value',
  'ImageId',
  'MinCount',
  'MaxCount',
  'IpPermissions.1.IpProtocol',
  'IpPermissions.1.FromPort',
  'IpPermissions.1.ToPort',
  'IpPermissions.1.IpRanges.1.CidrIp',
  'TagSpecification.1.ResourceType',
  'TagSpecification.1.Tag.1.Key',
  'RegionName.1',
  'AllRegions',
  'ZoneName.1',
  'SubnetId',
  'Description',
  'Placement.AvailabilityZone',
  'SecurityGroupId.1',
];

function randomValue(rng: Rng, ids: readonly string[]): string {
  switch (rng.int(0, 11)) {
    case 0:
      return '';
    case 1:
      return String(rng.int(-5, 2_000_000_000));
    case 2:
      return rng.pick(['true', 'false', 'TRUE', 'yes']);
    case 3:
      return rng.pick(ids);
    case 4:
      return `${rng.pick(['i', 'vol', 'snap', 'sg', 'eipalloc', 'vpc', 'subnet', 'ami'])}-${rng.hex(rng.pick([8, 17, 3]))}`;
    case 5:
      return 'x'.repeat(rng.int(200, 5000));
    case 6:
      return '<script>&amp;"\'</script>';
    case 7:
      return rng.pick(['instance-state-name', 'tag:Name', 'tag-key', 'nope', 'vpc-id', '*', '?']);
    case 8:
      return rng.pick(['tcp', '-1', 'udp', 'icmp', '99']);
    case 9:
      return rng.pick(['0.0.0.0/0', '::/0', 'not-a-cidr']);
    case 10:
      return '\u0000\u00ff\ud83d\ude00';
    default:
      return rng.hex(rng.int(1, 30));
  }
}

describe('EC2 endpoint under fuzzed requests', () => {
  let sim: RunningSimulator;
  let ids: string[];

  const post = async (
    body: string | Buffer,
    region = 'us-east-1',
  ): Promise<{ status: number; text: string }> => {
    const res = await fetch(sim.endpoints.aws, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: AUTH(region),
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  before(async () => {
    sim = await startTestSimulator({ transitionMs: 0 });
    const region = sim.estate().aws.accounts[0]!.regions.get('us-east-1')!.ec2;
    ids = [
      ...region.instances.keys(),
      ...region.volumes.keys(),
      ...region.securityGroups.keys(),
      ...region.addresses.keys(),
    ].slice(0, 40);
  });
  after(() => sim.close());

  it('an unknown or missing Action is an EC2 XML error', async () => {
    const bad = await post('Action=LaunchRockets&Version=2016-11-15');
    assert.equal(bad.status, 400);
    assert.match(
      bad.text,
      /<Response><Errors><Error><Code>InvalidAction<\/Code><Message>[^<]+<\/Message><\/Error><\/Errors><RequestID>/,
    );
    const none = await post('Version=2016-11-15');
    assert.match(none.text, /<Code>MissingAction<\/Code>/);
  });

  it('random form bodies for every operation get EC2 XML answers and never a 5xx', async () => {
    const rng = new Rng('ec2-fuzz');
    const actions = [
      ...EC2_SERVICE.operations!.map((o) => o.name),
      'DescribeImages',
      '',
      'describeinstances',
    ];
    for (let n = 0; n < 600; n++) {
      const form = new URLSearchParams({ Action: rng.pick(actions), Version: '2016-11-15' });
      const count = rng.int(0, 6);
      for (let k = 0; k < count; k++) form.append(rng.pick(PARAMS), randomValue(rng, ids));
      const { status, text } = await post(form.toString(), rng.pick(['us-east-1', 'eu-west-1', 'sa-east-1']));
      assert.ok(status < 500, `${status} for ${form.toString().slice(0, 300)}\n${text.slice(0, 300)}`);
      if (status === 200)
        assert.match(
          text,
          /^<\?xml version="1.0" encoding="UTF-8"\?>\n<\w+Response xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/">/,
        );
      else
        assert.match(text, /<Response><Errors><Error><Code>[A-Za-z.]+<\/Code><Message>/, text.slice(0, 300));
    }
  });

  it('binary garbage and malformed encodings are answered, and the simulator keeps serving', async () => {
    const rng = new Rng('ec2-garbage');
    for (let n = 0; n < 50; n++) {
      const bytes = Buffer.from(Array.from({ length: rng.int(0, 400) }, () => rng.int(0, 255)));
      const { status } = await post(bytes);
      assert.ok(status < 500);
    }
    assert.ok((await post('Action=DescribeInstances&%zz=%%&MaxResults=%E0%A4%A')).status < 500);
    const healthy = await post('Action=DescribeRegions&Version=2016-11-15');
    assert.equal(healthy.status, 200);
  });
});
