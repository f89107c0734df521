import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject } from '../testing/gcp-clients.ts';

const run = promisify(execFile);
const hasGcloud = (process.env['PATH'] ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'gcloud')));
// The machine image ships gcloud: on CI its absence is a failure, not a skip.
if (!hasGcloud && process.env['CI'])
  throw new RangeError('gcloud is missing on CI; the image must provide it');

describe(
  'the real gcloud CLI against the simulator',
  { skip: hasGcloud ? false : 'gcloud is not installed' },
  () => {
    let sim: RunningSimulator;
    let project: string;
    let config: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      // gcloud polls operations until DONE: make state changes immediate.
      sim = await startTestSimulator({ transitionMs: 0 });
      ({ project } = firstProject(sim));
      config = mkdtempSync(join(tmpdir(), 'escher-gcloud-'));
      env = {
        ...process.env,
        CLOUDSDK_CONFIG: config,
        CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `${sim.endpoints.gcp}/compute/v1/`,
        CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER: `${sim.endpoints.gcp}/`,
        CLOUDSDK_API_ENDPOINT_OVERRIDES_SQL: `${sim.endpoints.gcp}/`,
        CLOUDSDK_AUTH_DISABLE_CREDENTIALS: 'true',
        CLOUDSDK_CORE_PROJECT: project,
        CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
        CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
        CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
      };
    });
    after(async () => {
      await sim.close();
      rmSync(config, { recursive: true, force: true });
    });

    const gcloud = (...args: string[]) => run('gcloud', [...args, '--quiet'], { env, timeout: 60_000 });

    it('gcloud compute instances list --format=json lists every instance of the project', async () => {
      const { stdout } = await gcloud('compute', 'instances', 'list', '--format=json');
      const listed = JSON.parse(stdout) as { name: string; status: string; zone: string }[];
      const expected = sim.estate().gcp.compute.instances.list(project);
      assert.deepEqual(listed.map((i) => i.name).sort(), expected.map((i) => i.name).sort());
      assert.ok(
        listed.every((i) => i.zone.startsWith(`${sim.endpoints.gcp}/compute/v1/projects/${project}/zones/`)),
      );
      assert.ok(
        sim.log.list().some((c) => c.operation === 'instances.aggregatedList' && c.account === project),
      );
    });

    it('gcloud compute instances stop NAME --zone Z stops it and waits for the operation', async () => {
      const target = sim
        .estate()
        .gcp.compute.instances.list(project)
        .find((i) => i.state === 'RUNNING')!;
      const since = sim.log.lastSeq;
      const { stderr } = await gcloud('compute', 'instances', 'stop', target.name, '--zone', target.scope);
      assert.match(stderr, /Updated \[.*\/instances\/.+\]/);
      const ops = sim.log.list(since).map((c) => c.operation);
      assert.ok(ops.includes('instances.stop') && ops.includes('zoneOperations.wait'), ops.join(','));
      const { stdout } = await gcloud(
        'compute',
        'instances',
        'describe',
        target.name,
        '--zone',
        target.scope,
        '--format=json',
      );
      assert.equal((JSON.parse(stdout) as { status: string }).status, 'TERMINATED');
    });

    it('gcloud projects list and gcloud sql instances list read Resource Manager v1 and Cloud SQL', async () => {
      const projects = JSON.parse((await gcloud('projects', 'list', '--format=json')).stdout) as {
        projectId: string;
        lifecycleState: string;
      }[];
      assert.deepEqual(
        projects.map((p) => p.projectId).sort(),
        sim
          .estate()
          .gcp.projects.map((p) => p.projectId)
          .sort(),
      );
      assert.ok(projects.every((p) => p.lifecycleState === 'ACTIVE'));
      const instances = JSON.parse((await gcloud('sql', 'instances', 'list', '--format=json')).stdout) as {
        name: string;
        state: string;
      }[];
      assert.equal(
        instances.length,
        [...sim.estate().gcp.sql.instances.values()].filter((i) => i.project === project).length,
      );
    });
  },
);
