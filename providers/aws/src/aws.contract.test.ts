import { runProviderContract } from '@escher/provider-api/contract';
import { awsProvider } from './index.ts';

// Every account of the simulated estate, reached the way an organisation reaches its members:
// one base identity assuming `escher-read` in each account the manifest lists.
runProviderContract({
  cloud: 'aws',
  create: (sim) =>
    awsProvider.create(
      {
        kind: 'roles',
        base: { kind: 'keys', accessKeyId: 'AKIAESCHERCONTRACT01', secretAccessKey: 'contract' },
        roleArns: sim.manifest.accounts.aws!.map((a) => `arn:aws:iam::${a.id}:role/escher-read`),
      },
      { endpoint: sim.aws },
    ),
});
