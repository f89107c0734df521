import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOUDS } from '@escher/protocol';
import { AWS_REGIONS } from './aws-regions.ts';
import { AZURE_REGIONS } from './azure-regions.ts';
import { GCP_REGIONS } from './gcp-regions.ts';
import { REGIONS, regionInfo, regionNames, regionsNamed, zoneRegion } from './regions.ts';

describe('regions', () => {
  it('gives every region code of every cloud a human name, a geography and unique code', () => {
    const tables = { aws: AWS_REGIONS, azure: AZURE_REGIONS, gcp: GCP_REGIONS };
    for (const cloud of CLOUDS) {
      assert.ok(tables[cloud].length >= 35, `${cloud} has ${tables[cloud].length} regions`);
      for (const [code] of tables[cloud]) {
        const region = regionInfo(code, cloud);
        assert.ok(region, code);
        assert.ok(region.name.length > 1 && region.name !== code, `${code} has a name`);
        assert.ok(regionNames(region).length >= 1);
        assert.ok(region.geography, `${code} has a geography`);
        assert.deepEqual(regionsNamed(code).includes(code), true, `${code} names itself`);
      }
    }
    const codes = REGIONS.filter((r) => r.code !== 'global').map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique across clouds');
  });

  it('includes the regions the simulator and providers meet', () => {
    for (const code of [
      'us-east-1',
      'eu-central-1',
      'ap-southeast-2',
      'il-central-1',
      'me-central-1',
      'sa-east-1',
    ]) {
      assert.equal(regionInfo(code)?.cloud, 'aws', code);
    }
    for (const code of ['eastus', 'westus2', 'westeurope', 'germanywestcentral', 'southeastasia']) {
      assert.equal(regionInfo(code)?.cloud, 'azure', code);
    }
    for (const code of ['us-central1', 'europe-west1', 'europe-west3', 'asia-northeast1', 'us']) {
      assert.equal(regionInfo(code)?.cloud, 'gcp', code);
    }
  });

  it('maps a city to every cloud region there', () => {
    assert.deepEqual(regionsNamed('Frankfurt'), ['eu-central-1', 'europe-west3', 'germanywestcentral']);
    assert.deepEqual(regionsNamed('frankfurt region'), regionsNamed('Frankfurt'));
    assert.deepEqual(regionsNamed('Sydney'), ['ap-southeast-2', 'australia-southeast1', 'australiaeast']);
    assert.deepEqual(regionsNamed('London'), ['eu-west-2', 'europe-west2', 'uksouth']);
    assert.ok(regionsNamed('Virginia').includes('us-east-1'));
    assert.ok(regionsNamed('Virginia').includes('eastus'));
  });

  it('knows the clouds display names and nicknames', () => {
    assert.deepEqual(regionsNamed('West US 2'), ['westus2']);
    assert.deepEqual(regionsNamed('westus2'), ['westus2']);
    assert.deepEqual(regionsNamed('N. Virginia'), ['us-east-1', 'us-east4']);
    assert.deepEqual(regionsNamed('US East (N. Virginia)'), ['us-east-1']);
    assert.deepEqual(regionsNamed('Europe (Frankfurt)'), ['eu-central-1']);
    assert.deepEqual(regionsNamed('São Paulo'), regionsNamed('sao paulo'));
    assert.ok(regionsNamed('US East').includes('us-east-1'));
    assert.equal(regionInfo('us-east-1')?.name, 'US East (N. Virginia)');
    assert.equal(regionInfo('WestUS2')?.name, 'West US 2');
    assert.equal(regionInfo('europe-west3')?.name, 'Frankfurt');
  });

  it('groups regions: "Europe regions" is every eu-/europe-/European Azure region', () => {
    const europe = regionsNamed('Europe regions');
    const expected = REGIONS.filter(
      (r) =>
        r.code.startsWith('eu-') ||
        r.code.startsWith('europe-') ||
        r.code.startsWith('eusc-') ||
        ['eu', 'eur4'].includes(r.code) ||
        (r.cloud === 'azure' && r.geography === 'europe'),
    ).map((r) => r.code);
    assert.deepEqual([...europe].sort(), [...expected].sort());
    for (const code of ['westeurope', 'northeurope', 'uksouth', 'germanywestcentral', 'swedencentral']) {
      assert.ok(europe.includes(code), code);
    }
    assert.ok(!europe.includes('us-east-1'));
    assert.ok(!europe.includes('me-central-1'));
  });

  it('groups by country and continent', () => {
    const us = regionsNamed('US');
    assert.ok(us.includes('us-east-1') && us.includes('westus2') && us.includes('us-central1'));
    assert.ok(!us.includes('ca-central-1'));
    assert.deepEqual(regionsNamed('Germany'), [
      'eu-central-1',
      'europe-west10',
      'europe-west3',
      'eusc-de-east-1',
      'germanynorth',
      'germanywestcentral',
    ]);
    const apac = regionsNamed('APAC');
    assert.ok(apac.includes('ap-southeast-2') && apac.includes('japaneast') && apac.includes('asia-south1'));
    assert.ok(regionsNamed('Asia').every((code) => regionInfo(code)!.geography === 'asia'));
    assert.ok(regionsNamed('EMEA').includes('me-south-1'));
    assert.ok(regionsNamed('South America').includes('brazilsouth'));
  });

  it('knows nothing of unknown places', () => {
    assert.deepEqual(regionsNamed('Atlantis'), []);
    assert.deepEqual(regionsNamed(''), []);
    assert.equal(regionInfo('mars-north-1'), undefined);
  });

  it('finds the region of a zone', () => {
    assert.equal(zoneRegion('us-east-1a')?.code, 'us-east-1');
    assert.equal(zoneRegion('us-gov-west-1b')?.code, 'us-gov-west-1');
    assert.equal(zoneRegion('europe-west3-b')?.code, 'europe-west3');
    assert.equal(zoneRegion('1'), undefined);
    assert.deepEqual(regionsNamed('us-east-1a'), ['us-east-1']);
  });

  it('has a global pseudo-region per cloud', () => {
    for (const cloud of CLOUDS) assert.equal(regionInfo('global', cloud)?.cloud, cloud);
  });
});
