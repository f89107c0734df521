import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firewallPermissions } from './firewall-rules.ts';

describe('firewall permissions', () => {
  it('expands port lists and ranges, and treats a protocol without ports as every port', () => {
    const perms = firewallPermissions({
      direction: 'INGRESS',
      sourceRanges: ['0.0.0.0/0'],
      allowed: [
        { IPProtocol: 'tcp', ports: ['20-23', '443'] },
        { IPProtocol: 'udp' },
        { IPProtocol: 'icmp' },
      ],
    });
    assert.deepEqual(
      perms.map((p) => [p.protocol, p.fromPort, p.toPort]),
      [
        ['tcp', 20, 23],
        ['tcp', 443, 443],
        ['udp', 0, 65535],
        ['icmp', undefined, undefined],
      ],
    );
    assert.ok(
      perms.every((p) => p.direction === 'ingress' && p.action === 'allow' && p.ranges[0] === '0.0.0.0/0'),
    );
  });

  it('maps protocol numbers and `all`, and egress rules to their destinations', () => {
    const [all, tcp] = firewallPermissions({
      direction: 'EGRESS',
      destinationRanges: ['10.0.0.0/8'],
      denied: [{ IPProtocol: 'all' }, { IPProtocol: '6', ports: ['22'] }],
    });
    assert.deepEqual(all, {
      direction: 'egress',
      action: 'deny',
      protocol: 'all',
      fromPort: 0,
      toPort: 65535,
      ranges: ['10.0.0.0/8'],
    });
    assert.equal(tcp!.protocol, 'tcp');
  });
});
