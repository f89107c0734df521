import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { initHome } from '../cli/escher-home.ts';
import { createCliHarness } from '../cli/testing/cli-harness.ts';
import { engineFixture } from './engine.testing.ts';

// Engine commands load no cloud SDK until an operation for that cloud runs (docs/engine.md,
// "Loading"): the AWS, Azure and Google SDKs are thousands of modules and seconds of start-up.
describe('engine commands load cloud SDKs lazily', () => {
  const h = createCliHarness({ prefix: 'escher-lazy-' });
  after(() => h.cleanup());

  it('escher executions --json loads no cloud SDK module', async () => {
    await initHome(h.home, h.env);
    const r = spawnSync(process.execPath, [engineFixture('module-census.mjs'), 'executions', '--json'], {
      env: h.env as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { count: number }).count, 0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('CENSUS '));
    assert.ok(line, r.stderr);
    const census = JSON.parse(line.slice(7)) as { modules: number; sdk: Record<string, number> };
    assert.ok(census.modules > 100, `the census saw the CLI's modules (${census.modules})`);
    assert.deepEqual(census.sdk, { aws: 0, azure: 0, google: 0 });
  });
});
