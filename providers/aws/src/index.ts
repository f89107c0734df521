import type { Provider, ProviderFactory } from '@escher/provider-api';
import type { AwsCredentials } from './credentials.ts';
import { AwsProvider } from './provider.ts';
import { AWS_CAPABILITIES } from './services.ts';
import type { AwsProviderSettings } from './settings.ts';

export type { AwsBaseCredentials, AwsCredentials, AwsRoleCredentials } from './credentials.ts';
export type { AwsProviderSettings } from './settings.ts';
export { AwsProvider } from './provider.ts';
export { AWS_CAPABILITIES } from './services.ts';

/**
 * The AWS provider's registration: discovery of every SPEC section 3 AWS type on the official SDK
 * v3, CPU metrics from CloudWatch, and credentials as users hold them (profiles incl. SSO and
 * role_arn, environment, keys, or a list of roles to assume across accounts).
 *
 * @example
 * const provider = awsProvider.create({ kind: 'profile', profile: 'prod' });
 * const sim = awsProvider.create(
 *   { kind: 'keys', accessKeyId: 'AKIA…', secretAccessKey: '…' },
 *   { endpoint: 'http://127.0.0.1:4600', regions: ['us-east-1'] },
 * );
 */
export const awsProvider: ProviderFactory<AwsCredentials> & {
  create(credentials: AwsCredentials, settings?: AwsProviderSettings): Provider;
} = {
  id: 'aws',
  capabilities: AWS_CAPABILITIES,
  create: (credentials, settings) => new AwsProvider(credentials, settings),
};
export * from './import/index.ts';
export { AwsActions, AWS_OPERATIONS, assumedRoleKeys, createAwsActions } from './operations/index.ts';
