import { UserError } from '@escher/protocol';
import {
  accountOfRoleArn,
  credentialSources,
  type AwsCredentials,
  type AwsIdentity,
} from '../credentials.ts';

/**
 * The keys a child process (an `aws` command step) should act with in `account`: for a `roles`
 * credential, one STS AssumeRole of the role in that account (through `endpoint` when set: the
 * simulator), so the command gets the same assumed identity the SDK operations use — never the
 * base keys; for any other credential, undefined (its own keys apply as they are).
 */
export async function assumedRoleKeys(
  credentials: AwsCredentials,
  account: string,
  settings: { region: string; endpoint?: string },
): Promise<AwsIdentity | undefined> {
  if (credentials.kind !== 'roles') return undefined;
  const sources = credentialSources(credentials, {
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
  const source =
    sources.find((s) => s.roleArn && accountOfRoleArn(s.roleArn) === account) ??
    (sources.length === 1 ? sources[0] : undefined);
  if (!source) {
    throw new UserError('aws-no-role-for-account', `No configured role reaches AWS account ${account}`, {
      hint: 'Add its role ARN to the account: escher accounts add aws --role-arn arn:aws:iam::ACCOUNT:role/NAME',
    });
  }
  return source.provider();
}
