import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testInstance } from '../store/testing/index.ts';
import { flagValue } from './resource-flag.ts';

test('ontology flags read as search and ask read them; other names read the attribute', () => {
  const openGroup = testInstance('sg', {
    type: 'network.firewall',
    attributes: { openToWorld: true },
  });
  const closedGroup = testInstance('sg2', { type: 'network.firewall', attributes: { openToWorld: false } });
  const publicCluster = testInstance('eks', {
    type: 'container.cluster',
    attributes: { endpointPublic: true },
  });
  assert.equal(flagValue(openGroup, 'public'), true);
  assert.equal(flagValue(closedGroup, 'public'), false);
  assert.equal(flagValue(publicCluster, 'public'), true);
  assert.equal(flagValue(openGroup, 'deletionProtection'), undefined);
  assert.equal(
    flagValue(testInstance('db', { attributes: { deletionProtection: true } }), 'deletionProtection'),
    true,
  );
});
