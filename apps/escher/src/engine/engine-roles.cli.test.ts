import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { initHome } from '../cli/escher-home.ts';
import { createCliHarness } from '../cli/testing/cli-harness.ts';
import { readBack } from './engine.testing.ts';
import { localUser } from './cli-session.ts';

// Roles through the real `escher` binary: the stored role is enforced by the engine on the next
// command, and each change is in the ledger. No cloud is needed: the refusal comes first.
describe('escher role', () => {
  const h = createCliHarness({ prefix: 'escher-roles-' });
  after(() => h.cleanup());
  const me = localUser();

  it('an admin demotes themself to viewer (another admin kept); the viewer may not plan or change roles', async () => {
    await initHome(h.home, h.env);
    const lastAdmin = await h.run('role', 'set', 'viewer');
    assert.equal(lastAdmin.code, 1);
    assert.match(lastAdmin.stderr, /only admin/);

    assert.equal((await h.run('role', 'set', 'admin', '--user', 'other-admin')).code, 0);
    const demoted = await h.run('role', 'set', 'viewer');
    assert.equal(demoted.code, 0, demoted.stderr);
    assert.match(demoted.stdout, new RegExp(`${me}: admin → viewer`));

    const plan = await h.run('run', 'stop-compute-instance', '--environment', 'dev', '--plan-only');
    assert.equal(plan.code, 1);
    assert.match(
      plan.stderr,
      new RegExp(`${me} is a viewer and may not plan changes.*escher role set operator`),
    );
    assert.equal(plan.stdout, '', 'nothing was planned');

    const regain = await h.run('role', 'set', 'admin');
    assert.equal(regain.code, 1);
    assert.match(regain.stderr, /may not change roles/);

    const { ledger } = await readBack(h);
    assert.deepEqual(
      ledger.filter((e) => e.kind === 'settings-changed').map((e) => [e.data['user'], e.data['to']]),
      [
        ['other-admin', 'admin'],
        [me, 'viewer'],
      ],
    );
    assert.equal(ledger.filter((e) => e.kind === 'plan-created').length, 0);
  });
});
