import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { compareShapes, formatReport, globToRegExp, sameShape } from './shape.ts';

const paths = (diffs: { path: string }[]): string[] => diffs.map((d) => d.path).sort();

describe('compareShapes', () => {
  it('ignores values and $metadata: equal structures with different data match', () => {
    const moto = {
      $metadata: { httpStatusCode: 200 },
      Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Code: 16 } }] }],
    };
    const sim = {
      $metadata: { requestId: 'x' },
      Reservations: [{ Instances: [{ InstanceId: 'i-9', State: { Code: 80 } }] }],
    };
    const report = compareShapes(moto, sim);
    assert.ok(sameShape(report), formatReport(report));
    assert.deepEqual(report.extra, []);
  });

  it('reports a field moto returns and the simulator lacks, with its full path', () => {
    const moto = {
      Reservations: [
        { Instances: [{ InstanceId: 'i-1', Placement: { AvailabilityZone: 'a', Tenancy: 'default' } }] },
      ],
    };
    const sim = {
      Reservations: [{ Instances: [{ InstanceId: 'i-2', Placement: { AvailabilityZone: 'b' } }] }],
    };
    const report = compareShapes(moto, sim);
    assert.equal(sameShape(report), false);
    assert.deepEqual(report.missing, [
      { path: 'Reservations[].Instances[].Placement.Tenancy', moto: 'string', sim: 'absent' },
    ]);
  });

  it('lists fields only the simulator has as information, not as failures', () => {
    const report = compareShapes(
      { Buckets: [{ Name: 'a' }] },
      { Buckets: [{ Name: 'b', BucketRegion: 'us-east-1' }], Owner: { ID: 'x' } },
    );
    assert.ok(sameShape(report));
    assert.deepEqual(paths(report.extra), ['Buckets[].BucketRegion', 'Owner']);
  });

  it('distinguishes string, number, boolean, Date, array, object and bytes', () => {
    const moto = { a: 'x', b: 1, c: true, d: new Date(0), e: [], f: {}, g: new Uint8Array(1) };
    const sim = { a: 1, b: '1', c: 'true', d: '1970-01-01', e: {}, f: [], g: 'AA==' };
    const report = compareShapes(moto, sim);
    assert.deepEqual(report.mismatched.map((d) => `${d.path}:${d.moto}->${d.sim}`).sort(), [
      'a:string->number',
      'b:number->string',
      'c:boolean->string',
      'd:date->string',
      'e:array(empty)->object',
      'f:object->array(empty)',
      'g:bytes->string',
    ]);
  });

  it('merges array elements, so an optional field carried by one element still counts', () => {
    const moto = { Addresses: [{ PublicIp: '1.1.1.1' }, { PublicIp: '2.2.2.2', InstanceId: 'i-1' }] };
    const simLacking = { Addresses: [{ PublicIp: '3.3.3.3' }, { PublicIp: '4.4.4.4' }] };
    const simHaving = { Addresses: [{ PublicIp: '3.3.3.3', InstanceId: 'i-2' }, { PublicIp: '4.4.4.4' }] };
    assert.deepEqual(paths(compareShapes(moto, simLacking).missing), ['Addresses[].InstanceId']);
    assert.ok(sameShape(compareShapes(moto, simHaving)));
  });

  it('treats null and undefined as absent fields', () => {
    const report = compareShapes(
      { NextToken: 'abc', Items: [{ Id: 'x' }] },
      { NextToken: undefined, Items: null },
    );
    assert.deepEqual(paths(report.missing), ['Items', 'NextToken']);
  });

  it('reports arrays that are empty on one side as unverified rather than passing or failing them', () => {
    const report = compareShapes({ Tags: [{ Key: 'a', Value: 'b' }] }, { Tags: [] });
    assert.ok(sameShape(report));
    assert.deepEqual(report.unverified, [{ path: 'Tags[]', moto: 'object', sim: 'empty' }]);
  });

  it('reports a field moto returns as an empty list and the simulator omits as unverified, not missing', () => {
    const report = compareShapes(
      { DBInstances: [{ EnabledCloudwatchLogsExports: [], Endpoint: { Port: 5432 } }] },
      { DBInstances: [{}] },
    );
    assert.deepEqual(report.missing, [{ path: 'DBInstances[].Endpoint', moto: 'object', sim: 'absent' }]);
    assert.deepEqual(report.unverified, [
      { path: 'DBInstances[].EnabledCloudwatchLogsExports', moto: 'array(empty)', sim: 'absent' },
    ]);
  });

  it('compares maps by value shape when told a path holds data keys', () => {
    const moto = { Tags: { env: 'prod' }, cluster: { tags: { team: 'a' } } };
    const sim = { Tags: { owner: 'ops', app: 'api' }, cluster: { tags: { x: 1 } } };
    const asMaps = compareShapes(moto, sim, { maps: ['Tags', 'cluster.tags'] });
    assert.deepEqual(asMaps.missing, []);
    assert.deepEqual(asMaps.mismatched, [{ path: 'cluster.tags{}', moto: 'string', sim: 'number' }]);
    const asObjects = compareShapes(moto, sim);
    assert.deepEqual(paths(asObjects.missing), ['Tags.env', 'cluster.tags.team']);
  });

  it('skips ignored paths, with * for one segment and ** for any depth', () => {
    const moto = {
      Body: 'x',
      Functions: [{ CodeSha256: 'a', Layers: [{ Arn: 'l' }] }],
      Deep: { A: { B: 1 } },
    };
    const sim = { Body: Readable.from([]), Functions: [{}], Deep: {} };
    const report = compareShapes(moto, sim, { ignore: ['Body', 'Functions[].*', 'Deep.**'] });
    assert.ok(sameShape(report), formatReport(report));
  });

  it('classifies class instances such as SDK streams as streams', () => {
    const report = compareShapes({ Body: Readable.from([]) }, { Body: 'text' });
    assert.deepEqual(report.mismatched, [{ path: 'Body', moto: 'stream', sim: 'string' }]);
  });

  it('reports a missing root', () => {
    assert.deepEqual(compareShapes({ a: 1 }, undefined).missing, [
      { path: '(root)', moto: 'object', sim: 'absent' },
    ]);
  });

  it('formats failures before information', () => {
    const text = formatReport(compareShapes({ a: 1, b: 's' }, { b: 2, c: true }));
    assert.deepEqual(text.split('\n'), [
      'missing in sim: a (moto: number)',
      'type differs: b (moto: string, sim: number)',
      'sim only: c (boolean)',
    ]);
  });
});

describe('globToRegExp', () => {
  it('matches one segment with * and any depth with **', () => {
    assert.ok(globToRegExp('Reservations[].Instances[].*').test('Reservations[].Instances[].Tags'));
    assert.ok(!globToRegExp('Reservations[].*').test('Reservations[].Instances[].Tags'));
    assert.ok(globToRegExp('Reservations.**').test('Reservations.a[].b{}'));
    assert.ok(!globToRegExp('a.b').test('aXb'));
  });
});
