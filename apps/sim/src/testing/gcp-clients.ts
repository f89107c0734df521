import { OAuth2Client } from 'google-auth-library';
import type { RunningSimulator } from '../server.ts';

/**
 * How a client reaches the simulator's GCP endpoint with the official SDKs (used by the tests
 * and documented in docs/simulator-gcp.md): gax clients over HTTP/JSON (`fallback: true`) with a
 * preset bearer token, googleapis clients with `rootUrl`, Storage and BigQuery with `apiEndpoint`.
 */
export function gcpClientOptions(sim: RunningSimulator) {
  const base = sim.endpoints.gcp;
  const port = Number(new URL(base).port);
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: 'escher-sim-token', expiry_date: Date.now() + 3_600_000 });
  return {
    base,
    authClient,
    /** For @google-cloud/compute, container, functions, kms, monitoring, resource-manager. */
    gax: { apiEndpoint: '127.0.0.1', port, protocol: 'http', authClient, fallback: true } as const,
    /** For @googleapis/sqladmin and @googleapis/iam. */
    googleapis: { auth: authClient, rootUrl: `${base}/` },
  };
}

/** The first project of the estate and its manifest counts. */
export function firstProject(sim: RunningSimulator): { project: string; counts: Record<string, number> } {
  const estate = sim.estate();
  const project = estate.gcp.projects[0]!.projectId;
  return { project, counts: estate.manifest.counts['gcp']![project] as Record<string, number> };
}
