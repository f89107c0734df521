import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compareSemver, isSemver } from './semver.ts';

it('orders versions by semver precedence', () => {
  const sorted = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.9.3',
    '1.10.0',
    '2.0.0',
  ];
  const shuffled = [...sorted].reverse();
  assert.deepEqual(shuffled.sort(compareSemver), sorted);
  assert.equal(compareSemver('1.0.0+build.1', '1.0.0'), 0);
  assert.ok(isSemver('1.2.3-rc.1+b') && !isSemver('1.0') && !isSemver('01.0.0') && !isSemver('v1.0.0'));
});
