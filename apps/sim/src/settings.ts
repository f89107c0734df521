import type { SimEndpoints } from './server.ts';

/**
 * Ready-to-paste settings for pointing each SDK and CLI at the simulator, printed at start-up and
 * documented in docs/simulator.md.
 */
export function describeSettings(endpoints: SimEndpoints, caFile: string | undefined): string {
  const gcpPort = new URL(endpoints.gcp).port;
  return [
    'AWS',
    `  endpoint            ${endpoints.aws}   (all services; routed by SigV4 credential scope)`,
    `  aws CLI             aws --endpoint-url ${endpoints.aws} --region us-east-1 ec2 describe-instances`,
    `  environment         AWS_ENDPOINT_URL=${endpoints.aws} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`,
    `  SDK v3              new EC2Client({ endpoint: '${endpoints.aws}', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })`,
    `  S3                  new S3Client({ endpoint: '${endpoints.aws}', forcePathStyle: true, … })`,
    '',
    'Azure (HTTPS, self-signed certificate)',
    `  ARM endpoint        ${endpoints.azure}`,
    `  authority host      ${endpoints.azureAuthorityHost}   tenant ${endpoints.azureTenantId} (any client id / secret)`,
    caFile
      ? `  CA certificate      ${caFile}   (NODE_EXTRA_CA_CERTS=${caFile}, or tlsOptions: { ca })`
      : '  CA certificate      GET the PEM with --ca-file PATH',
    `  credential          new ClientSecretCredential('${endpoints.azureTenantId}', 'id', 'secret', { authorityHost: '${endpoints.azureAuthorityHost}', disableInstanceDiscovery: true, tlsOptions: { ca } })`,
    `  ARM clients         new ComputeManagementClient(cred, subscriptionId, { endpoint: '${endpoints.azure}', tlsOptions: { ca } })`,
    '',
    'GCP (any bearer token accepted)',
    `  endpoint            ${endpoints.gcp}`,
    `  gcloud              CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE=${endpoints.gcp}/compute/v1/ CLOUDSDK_AUTH_DISABLE_CREDENTIALS=true CLOUDSDK_CORE_PROJECT=<project>`,
    `  Compute SDK         new InstancesClient({ apiEndpoint: '127.0.0.1', port: ${gcpPort}, protocol: 'http', authClient })`,
    `  Storage SDK         new Storage({ apiEndpoint: '${endpoints.gcp}', projectId })   or STORAGE_EMULATOR_HOST=${endpoints.gcp}`,
    '',
    'Simulator',
    `  manifest            curl ${endpoints.aws}/_sim/manifest`,
    `  call log            curl ${endpoints.aws}/_sim/calls?summary=1`,
    `  faults              curl -X POST ${endpoints.aws}/_sim/faults -d '{"latencyMs":50,"errorRate":0.05}'`,
    `  clock               curl -X POST ${endpoints.aws}/_sim/clock -d '{"advanceMs":60000}'`,
  ].join('\n');
}
