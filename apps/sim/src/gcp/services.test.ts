import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterManagerClient } from '@google-cloud/container';
import { v1 as functionsV1, v2 as functionsV2 } from '@google-cloud/functions';
import { KeyManagementServiceClient } from '@google-cloud/kms';
import { ProjectsClient } from '@google-cloud/resource-manager';
import { iam } from '@googleapis/iam';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { firstProject, gcpClientOptions } from '../testing/gcp-clients.ts';

describe('GCP GKE, Cloud Functions, KMS, IAM and Resource Manager through the official clients', () => {
  let sim: RunningSimulator;
  let opts: ReturnType<typeof gcpClientOptions>;
  let project: string;
  let counts: Record<string, number>;

  before(async () => {
    sim = await startTestSimulator({ size: 'medium' });
    opts = gcpClientOptions(sim);
    ({ project, counts } = firstProject(sim));
  });
  after(() => sim.close());

  it('lists GKE clusters in every location; public endpoints match the manifest', async () => {
    const [response] = await new ClusterManagerClient(opts.gax).listClusters({
      parent: `projects/${project}/locations/-`,
    });
    const clusters = response.clusters ?? [];
    assert.equal(clusters.length, counts['container.cluster']);
    const publicIds = new Set(
      sim.estate().manifest.misconfigurations['container.cluster.public-endpoint']?.resources ?? [],
    );
    for (const c of clusters) {
      const open =
        !c.privateClusterConfig?.enablePrivateEndpoint &&
        (!c.masterAuthorizedNetworksConfig?.enabled ||
          (c.masterAuthorizedNetworksConfig.cidrBlocks ?? []).some((b) => b.cidrBlock === '0.0.0.0/0'));
      assert.equal(
        open,
        publicIds.has(
          `//container.googleapis.com/projects/${project}/locations/${c.location}/clusters/${c.name}`,
        ),
        `${c.name}`,
      );
      assert.equal(c.status, 'RUNNING');
    }
  });

  it('lists Cloud Functions through v1 (1st gen) and v2 (both generations)', async () => {
    const [v1] = await new functionsV1.CloudFunctionsServiceClient(opts.gax).listFunctions({
      parent: `projects/${project}/locations/-`,
    });
    const [v2] = await new functionsV2.FunctionServiceClient(opts.gax).listFunctions({
      parent: `projects/${project}/locations/-`,
    });
    assert.equal(v2.length, counts['serverless.function']);
    assert.equal(v1.length, v2.filter((f) => f.environment === 'GEN_1').length);
    const deprecated = new Set(
      sim.estate().manifest.misconfigurations['serverless.function.deprecated-runtime']?.resources ?? [],
    );
    const old = /^(nodejs(6|8|10|12|14)|python3[78]|go11[13]|ruby2[67]|php74|dotnet3)$/;
    for (const f of v2)
      assert.equal(
        old.test(f.buildConfig!.runtime!),
        deprecated.has(`//cloudfunctions.googleapis.com/${f.name}`),
        f.name!,
      );
    for (const f of v1) assert.ok(f.runtime && (f.httpsTrigger || f.eventTrigger));
  });

  it('lists KMS key rings per location and their crypto keys; keys without rotation match the manifest', async () => {
    const kms = new KeyManagementServiceClient(opts.gax);
    const locations: string[] = [];
    for await (const l of kms.listLocationsAsync({ name: `projects/${project}` }))
      locations.push(l.locationId!);
    assert.ok(locations.includes('global') && locations.includes('us-central1'));
    const noRotation = new Set(
      sim.estate().manifest.misconfigurations['security.key.no-rotation']?.resources ?? [],
    );
    let keys = 0;
    for (const location of locations) {
      const [rings] = await kms.listKeyRings({ parent: `projects/${project}/locations/${location}` });
      for (const ring of rings) {
        const [cryptoKeys] = await kms.listCryptoKeys({ parent: ring.name! });
        for (const k of cryptoKeys) {
          keys++;
          assert.equal(!k.rotationPeriod, noRotation.has(`//cloudkms.googleapis.com/${k.name}`), k.name!);
        }
      }
    }
    assert.equal(keys, counts['security.key']);
  });

  it('lists IAM service accounts across pages', async () => {
    const client = iam({ version: 'v1', ...opts.googleapis });
    const emails: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await client.projects.serviceAccounts.list({
        name: `projects/${project}`,
        pageSize: 5,
        pageToken,
      });
      emails.push(...(data.accounts ?? []).map((a) => a.email!));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    assert.equal(emails.length, counts['iam.role']);
    assert.ok(emails.some((e) => e.endsWith('-compute@developer.gserviceaccount.com')));
  });

  it('finds projects through Resource Manager v3 search, list and get', async () => {
    const client = new ProjectsClient(opts.gax);
    const [found] = await client.searchProjects({ query: 'state:ACTIVE' });
    assert.deepEqual(
      found.map((p) => p.projectId).sort(),
      sim
        .estate()
        .gcp.projects.map((p) => p.projectId)
        .sort(),
    );
    const [one] = await client.getProject({ name: `projects/${project}` });
    assert.equal(one.projectId, project);
    assert.match(one.name!, /^projects\/\d{12}$/);
    const [byNumber] = await client.getProject({ name: one.name! });
    assert.equal(byNumber.projectId, project);
    const [listed] = await client.listProjects({ parent: one.parent! });
    assert.equal(listed.length, sim.estate().gcp.projects.length);
    const [filtered] = await client.searchProjects({ query: `id:${project}` });
    assert.deepEqual(
      filtered.map((p) => p.projectId),
      [project],
    );
    await assert.rejects(
      client.getProject({ name: 'projects/no-such-project' }),
      (e: Error & { code?: number }) => e.code === 403,
    );
  });
});
