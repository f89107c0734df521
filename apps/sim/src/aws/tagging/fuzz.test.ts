import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../core/rng.ts';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';

/** The error shape each signing name's protocol must answer with. */
const SERVICES: Record<string, 'rest-xml' | 'query' | 'json' | 'rest-json'> = {
  s3: 'rest-xml',
  rds: 'query',
  iam: 'query',
  sts: 'query',
  kms: 'json',
  ce: 'json',
  tagging: 'json',
  lambda: 'rest-json',
  eks: 'rest-json',
};
const TARGETS: Record<string, string> = {
  kms: 'TrentService',
  ce: 'AWSInsightsIndexService',
  tagging: 'ResourceGroupsTaggingAPI_20170126',
};
const OPS: Record<string, string[]> = {
  kms: ['ListKeys', 'DescribeKey', 'GetKeyRotationStatus', 'ListResourceTags', 'Nope'],
  ce: ['GetCostAndUsage', 'GetCostForecast', 'Nope'],
  tagging: ['GetResources', 'Nope'],
  rds: [
    'DescribeDBInstances',
    'StopDBInstance',
    'ModifyDBInstance',
    'CreateDBSnapshot',
    'AddTagsToResource',
    'ListTagsForResource',
    'Bogus',
  ],
  iam: [
    'ListUsers',
    'ListRoles',
    'ListMFADevices',
    'ListAccessKeys',
    'GetLoginProfile',
    'GetAccountSummary',
    'Bogus',
  ],
  sts: ['AssumeRole', 'GetCallerIdentity', 'Bogus'],
};
const PATHS: Record<string, string[]> = {
  s3: ['/', '/b', '/b/k', '/%ZZ', '/a/b/c/d', '//', '/bucket?tagging'],
  lambda: [
    '/2015-03-31/functions',
    '/2015-03-31/functions/x',
    '/2017-03-31/tags/arn%3Ax',
    '/2015-03-31/functions/%E0%A4%A',
    '/nope',
  ],
  eks: ['/clusters', '/clusters/x', '/tags/arn', '/clusters/%', '/nope'],
};
const JUNK_VALUES = [
  '',
  '-1',
  '0',
  '99999999999',
  'abc',
  '%00',
  '<x>',
  '{"a":',
  'null',
  '[]',
  'true',
  'é',
  '\u0000',
];

function junk(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(JUNK_VALUES) : rng.hex(rng.int(1, 30));
}

function randomJson(rng: Rng, depth = 0): unknown {
  const kind = rng.int(0, depth > 2 ? 3 : 5);
  if (kind === 0) return junk(rng);
  if (kind === 1) return rng.int(-5, 5000);
  if (kind === 2) return rng.chance(0.5);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: rng.int(0, 3) }, () => randomJson(rng, depth + 1));
  const keys = [
    'KeyId',
    'Limit',
    'Marker',
    'TimePeriod',
    'Start',
    'End',
    'Granularity',
    'Metrics',
    'GroupBy',
    'Filter',
    'Type',
    'Key',
    'Values',
    'ResourceTypeFilters',
    'TagFilters',
    'ResourcesPerPage',
    'PaginationToken',
    'Metric',
    'And',
    'Not',
    'Dimensions',
  ];
  return Object.fromEntries(
    Array.from({ length: rng.int(0, 4) }, () => [rng.pick(keys), randomJson(rng, depth + 1)]),
  );
}

describe('raw fuzz: every response is the protocol’s own shape, never a crash', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(() => sim.close());

  it('answers 400 rounds of malformed requests in the right error shape', async () => {
    const rng = new Rng('fuzz-aws-services');
    for (let round = 0; round < 400; round++) {
      const service = rng.pick(Object.keys(SERVICES));
      const protocol = SERVICES[service]!;
      const headers: Record<string, string> = {
        authorization: `AWS4-HMAC-SHA256 Credential=AKIAFUZZ/20261101/${rng.pick(['us-east-1', 'eu-west-1', 'zz-nowhere-9'])}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
      };
      let method = 'POST';
      let path = '/';
      let body: string | Buffer = '';
      if (protocol === 'json') {
        headers['x-amz-target'] = `${TARGETS[service]}.${rng.pick(OPS[service]!)}`;
        headers['content-type'] = 'application/x-amz-json-1.1';
        body = rng.chance(0.15) ? '{not json' : JSON.stringify(randomJson(rng, 1));
      } else if (protocol === 'query') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const params = new URLSearchParams({ Action: rng.pick(OPS[service]!), Version: 'x' });
        const names = [
          'DBInstanceIdentifier',
          'MaxRecords',
          'Marker',
          'Filters.Filter.1.Name',
          'Tags.Tag.1.Key',
          'ResourceName',
          'UserName',
          'MaxItems',
          'RoleArn',
          'RoleSessionName',
          'DurationSeconds',
          'DBInstanceClass',
          'DBSnapshotIdentifier',
        ];
        for (let i = rng.int(0, 5); i > 0; i--) params.append(rng.pick(names), junk(rng));
        body = params.toString();
      } else {
        method = rng.pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH']);
        path = rng
          .pick(PATHS[service]!)
          .replace(
            '/b',
            `/${rng.pick(['b', 'no-such-bucket', ...sim.estate().aws.accounts[0]!.s3.buckets.keys()])}`,
          );
        const query = rng.pick([
          '',
          '?tagging',
          '?encryption',
          '?list-type=2&max-keys=-1',
          '?continuation-token=zz',
          '?Marker=zz&MaxItems=0',
          '?maxResults=0',
          '?policyStatus',
          '?versioning',
        ]);
        path += query;
        body = rng.chance(0.3)
          ? Buffer.from(rng.hex(40), 'hex')
          : rng.chance(0.5)
            ? '<Tagging><TagSet><Tag><Key>'
            : '';
        if (service === 's3' && rng.chance(0.2)) {
          headers['x-amz-content-sha256'] = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
          headers['content-encoding'] = 'aws-chunked';
          body = rng.pick(['zz\r\n', '5\r\nab', '3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n']);
        }
      }
      const res = await fetch(`${sim.endpoints.aws}${path}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      });
      const text = await res.text();
      const where = `${service} ${method} ${path} ${typeof body === 'string' ? body.slice(0, 80) : '<bytes>'} → ${res.status} ${text.slice(0, 200)}`;
      assert.ok(res.status < 500, where);
      if (res.status < 300 || method === 'HEAD') continue;
      if (protocol === 'rest-xml') assert.match(text, /<Error><Code>[A-Za-z.]+<\/Code><Message>/, where);
      if (protocol === 'query')
        assert.match(text, /<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>[A-Za-z.]+<\/Code>/, where);
      if (protocol === 'json')
        assert.ok(typeof (JSON.parse(text) as { __type?: unknown }).__type === 'string', where);
      if (protocol === 'rest-json') assert.ok(res.headers.get('x-amzn-errortype'), where);
    }
  });

  it('rejects an aws-chunked object whose CRC32 trailer does not match with BadDigest', async () => {
    const bucket = [...sim.estate().aws.accounts[0]!.s3.buckets.keys()][0]!;
    const res = await fetch(`${sim.endpoints.aws}/${bucket}/bad-digest`, {
      method: 'PUT',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAFUZZ/20261101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '5',
      },
      body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>BadDigest<\/Code>/);
  });
});
