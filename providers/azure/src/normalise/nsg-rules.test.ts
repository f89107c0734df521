import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  normaliseRule,
  openToWorld,
  openToWorldAll,
  openToWorldAny,
  type NsgRuleProperties,
} from './nsg-rules.ts';

const rule = (name: string, p: NsgRuleProperties) =>
  normaliseRule(name, { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', ...p });
const denyAll = rule('DenyAllInBound', {
  priority: 65500,
  access: 'Deny',
  protocol: '*',
  sourceAddressPrefix: '*',
  destinationPortRange: '*',
});

describe('NSG rule evaluation', () => {
  it('opens a port to the world through *, Internet, 0.0.0.0/0 or Any, ranges and lists included', () => {
    for (const source of ['*', 'Internet', '0.0.0.0/0', 'Any']) {
      const rules = [
        rule('ssh', { priority: 100, sourceAddressPrefix: source, destinationPortRange: '20-23' }),
        denyAll,
      ];
      assert.equal(openToWorld(rules, 'tcp', 22), true, source);
      assert.equal(openToWorld(rules, 'tcp', 3389), false, source);
    }
    const listed = [
      rule('rdp', {
        priority: 100,
        sourceAddressPrefixes: ['10.0.0.0/8', 'Internet'],
        destinationPortRanges: ['443', '3389'],
      }),
      denyAll,
    ];
    assert.equal(openToWorld(listed, 'tcp', 3389), true);
  });

  it('lets a world deny of higher precedence win, and ignores denies from narrower sources', () => {
    const open = rule('ssh', { priority: 200, sourceAddressPrefix: '*', destinationPortRange: '22' });
    const worldDeny = rule('deny', {
      priority: 100,
      access: 'Deny',
      sourceAddressPrefix: 'Internet',
      destinationPortRange: '22',
    });
    const narrowDeny = rule('deny', {
      priority: 100,
      access: 'Deny',
      sourceAddressPrefix: '203.0.113.0/24',
      destinationPortRange: '22',
    });
    assert.equal(openToWorld([worldDeny, open, denyAll], 'tcp', 22), false);
    assert.equal(openToWorld([narrowDeny, open, denyAll], 'tcp', 22), true);
  });

  it('does not count rules from private ranges or service tags, nor other protocols', () => {
    assert.equal(
      openToWorld(
        [
          rule('vnet', { priority: 100, sourceAddressPrefix: 'VirtualNetwork', destinationPortRange: '22' }),
          denyAll,
        ],
        'tcp',
        22,
      ),
      false,
    );
    assert.equal(
      openToWorld(
        [
          rule('udp', {
            priority: 100,
            protocol: 'Udp',
            sourceAddressPrefix: '*',
            destinationPortRange: '22',
          }),
          denyAll,
        ],
        'tcp',
        22,
      ),
      false,
    );
  });

  it('calls everything open only for an all-protocol, all-port rule from the world', () => {
    const any = rule('any', {
      priority: 100,
      protocol: '*',
      sourceAddressPrefix: 'Any',
      destinationPortRange: '*',
    });
    assert.equal(openToWorldAll([any, denyAll]), true);
    assert.equal(openToWorld([any, denyAll], 'tcp', 3389), true);
    const tcpOnly = rule('tcp', { priority: 100, sourceAddressPrefix: '*', destinationPortRange: '*' });
    assert.equal(openToWorldAll([tcpOnly, denyAll]), false);
    assert.equal(openToWorldAll([denyAll]), false);
  });

  it('calls an NSG open to the world when any port is, unless a world deny in front covers it', () => {
    const https = rule('https', {
      priority: 100,
      sourceAddressPrefix: 'Internet',
      destinationPortRange: '443',
    });
    assert.equal(openToWorldAny([https, denyAll]), true);
    const vnet = rule('vnet', {
      priority: 100,
      sourceAddressPrefix: 'VirtualNetwork',
      destinationPortRange: '*',
    });
    assert.equal(openToWorldAny([vnet, denyAll]), false);
    const shadow = rule('deny', {
      priority: 50,
      access: 'Deny',
      sourceAddressPrefix: '*',
      destinationPortRange: '400-500',
    });
    assert.equal(openToWorldAny([shadow, https, denyAll]), false);
    const partial = rule('deny', {
      priority: 50,
      access: 'Deny',
      sourceAddressPrefix: '*',
      destinationPortRange: '80',
    });
    assert.equal(openToWorldAny([partial, https, denyAll]), true);
  });
});
