import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startedSince, systemProcessTable } from './process-identity.ts';

/** Yields to the event loop without waiting any time. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('process identity', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    it(`${platform === 'linux' ? '/proc' : 'ps'}: a group's members and their start identities, zombies excluded`, async () => {
      const table = systemProcessTable(platform);
      const leader = spawn(
        process.execPath,
        [
          '-e',
          "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(()=>{},1000)'], {stdio:'ignore'}); setInterval(()=>{},1000)",
        ],
        { detached: true, stdio: 'ignore' },
      );
      const group = leader.pid as number;
      try {
        while (table.members(group).length < 2) await turn();
        const identity = table.identity(group);
        assert.ok(identity);
        assert.equal(table.identity(group), identity, 'stable for the same process');
        const members = table.members(group);
        assert.equal(members.find((m) => m.pid === group)?.start, identity);
        assert.ok(
          members.every((m) => startedSince(m.start, identity)),
          'members start no earlier',
        );
        assert.equal(startedSince(identity, `other-boot:0`), false);
      } finally {
        table.signal(group, 'SIGKILL');
      }
      while (table.members(group).length > 0) await turn();
      assert.equal(table.identity(group), undefined);
      assert.equal(table.signal(2 ** 22 + 12345, 'SIGTERM'), false, 'no such group');
    });
  }
});
