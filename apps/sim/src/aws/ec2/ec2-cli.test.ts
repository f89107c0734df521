import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator, TEST_AWS_CREDENTIALS } from '../../testing/sim-fixture.ts';
import { awsCliEnv } from '../../testing/tools.ts';

const run = promisify(execFile);

/** Runs the pip `aws` CLI (first on PATH) against the simulator and parses its JSON output. */
async function aws(sim: RunningSimulator, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    'aws',
    ['--endpoint-url', sim.endpoints.aws, '--region', 'us-east-1', '--output', 'json', ...args],
    {
      env: awsCliEnv(TEST_AWS_CREDENTIALS),
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface CliInstance {
  InstanceId: string;
  State: { Name: string; Code: number };
}

describe('EC2 through the pip aws CLI', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startTestSimulator({ manualClock: true, transitionMs: 10_000 });
  });
  after(() => sim.close());

  it('ec2 describe-instances lists every instance of the region', async () => {
    const out = (await aws(sim, ['ec2', 'describe-instances'])) as {
      Reservations: { Instances: CliInstance[] }[];
    };
    const instances = out.Reservations.flatMap((r) => r.Instances);
    const state = sim.estate().aws.accounts[0]!.regions.get('us-east-1')!.ec2;
    assert.equal(instances.length, state.instances.size);
    assert.ok(instances.every((i) => /^i-[0-9a-f]{17}$/.test(i.InstanceId)));
  });

  it('ec2 stop-instances stops a running instance (stopping, then stopped on the clock)', async () => {
    const state = sim.estate().aws.accounts[0]!.regions.get('us-east-1')!.ec2;
    const id = [...state.instances.values()].find((i) => i.state === 'running')!.id;
    const out = (await aws(sim, ['ec2', 'stop-instances', '--instance-ids', id])) as {
      StoppingInstances: {
        InstanceId: string;
        CurrentState: { Name: string };
        PreviousState: { Name: string };
      }[];
    };
    assert.deepEqual(
      out.StoppingInstances.map((s) => [s.InstanceId, s.PreviousState.Name, s.CurrentState.Name]),
      [[id, 'running', 'stopping']],
    );
    sim.clock.advance(10_000);
    const later = (await aws(sim, ['ec2', 'describe-instances', '--instance-ids', id])) as {
      Reservations: { Instances: CliInstance[] }[];
    };
    assert.equal(later.Reservations[0]!.Instances[0]!.State.Name, 'stopped');
  });
});
