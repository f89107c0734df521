import { fromEnv, fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { UserError } from '@escher/protocol';

/**
 * AWS credentials the way users already have them. Secrets stay here (the vault hands them in);
 * endpoints and regions are settings.
 *
 * @example
 * { kind: 'profile', profile: 'prod-sso' }           // ~/.aws/config: SSO, role_arn + source_profile, credential_process
 * { kind: 'env' }                                     // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
 * { kind: 'keys', accessKeyId, secretAccessKey }
 * { kind: 'roles', base: { kind: 'profile', profile: 'org' }, roleArns: ['arn:aws:iam::111122223333:role/escher-read'] }
 */
export type AwsCredentials = AwsBaseCredentials | AwsRoleCredentials;

/** One identity: a profile, the environment, or static keys. */
export type AwsBaseCredentials =
  | {
      kind: 'profile';
      /** Profile name; default `AWS_PROFILE`, else `default`. */
      profile?: string;
      /** Override `~/.aws/config` (else `AWS_CONFIG_FILE`). */
      configFile?: string;
      /** Override `~/.aws/credentials` (else `AWS_SHARED_CREDENTIALS_FILE`). */
      credentialsFile?: string;
    }
  | { kind: 'env' }
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Many accounts, each reached by STS AssumeRole from one base identity. */
export interface AwsRoleCredentials {
  kind: 'roles';
  base: AwsBaseCredentials;
  roleArns: readonly string[];
  /** The ExternalId the roles' trust policies ask for, if any. */
  externalId?: string;
  /** Session name shown in CloudTrail; default `escher`. */
  sessionName?: string;
}

/** Resolved AWS credentials, as the SDK clients take them. */
export interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsIdentity>;

/** One identity Escher acts as: one account. */
export interface CredentialSource {
  /** Profile name, `env`, `keys` or the role ARN: what to name in errors. */
  label: string;
  provider: CredentialProvider;
  roleArn?: string;
}

/** Where the credential providers' own STS/SSO calls go (the simulator, or AWS). */
export interface StsSettings {
  region: string;
  endpoint?: string;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/**
 * Builds one credential source per identity: one for a profile, the environment or keys; one per
 * role ARN for `roles`. Providers are memoised until shortly before they expire, so the many
 * SDK clients of one account share a single AssumeRole / SSO exchange. Never the default chain:
 * nothing here probes instance metadata.
 */
export function credentialSources(
  credentials: AwsCredentials,
  sts: StsSettings,
  now: () => number = Date.now,
): CredentialSource[] {
  if (credentials.kind !== 'roles') return [baseSource(credentials, sts, now)];
  if (credentials.roleArns.length === 0) {
    throw new UserError('aws-credentials-invalid', 'The roles credential lists no role ARNs', {
      hint: 'Give at least one role ARN, e.g. arn:aws:iam::111122223333:role/escher-read',
    });
  }
  const base = baseSource(credentials.base, sts, now);
  return credentials.roleArns.map((roleArn) => {
    if (!ROLE_ARN.test(roleArn)) {
      throw new UserError('aws-role-arn-invalid', `Not an IAM role ARN: ${roleArn}`, {
        hint: 'Role ARNs look like arn:aws:iam::111122223333:role/escher-read',
      });
    }
    const provider = fromTemporaryCredentials({
      masterCredentials: base.provider,
      params: {
        RoleArn: roleArn,
        RoleSessionName: credentials.sessionName ?? 'escher',
        ...(credentials.externalId ? { ExternalId: credentials.externalId } : {}),
      },
      clientConfig: stsClientConfig(sts),
    });
    return { label: roleArn, roleArn, provider: memoize(provider, now) };
  });
}

/** The account id a role ARN names. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return ROLE_ARN.exec(roleArn)?.[1];
}

function baseSource(credentials: AwsBaseCredentials, sts: StsSettings, now: () => number): CredentialSource {
  switch (credentials.kind) {
    case 'keys': {
      if (!credentials.accessKeyId || !credentials.secretAccessKey) {
        throw new UserError(
          'aws-credentials-invalid',
          'Access key id and secret access key are both required',
          {
            hint: 'Pass both keys, or use a profile',
          },
        );
      }
      const identity: AwsIdentity = {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      };
      return { label: 'keys', provider: () => Promise.resolve(identity) };
    }
    case 'env':
      return { label: 'env', provider: memoize(fromEnv(), now) };
    case 'profile': {
      const profile = credentials.profile ?? process.env.AWS_PROFILE ?? 'default';
      const provider = fromIni({
        profile,
        ...(credentials.configFile ? { configFilepath: credentials.configFile } : {}),
        ...(credentials.credentialsFile ? { filepath: credentials.credentialsFile } : {}),
        // role_arn / SSO profiles make their own STS and SSO calls: send them where the clients go.
        clientConfig: stsClientConfig(sts),
      });
      return { label: `profile ${profile}`, provider: memoize(provider, now) };
    }
  }
}

function stsClientConfig(sts: StsSettings): { region: string; endpoint?: string } {
  return { region: sts.region, ...(sts.endpoint ? { endpoint: sts.endpoint } : {}) };
}

/** Refresh this long before credentials expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Caches a provider's credentials until shortly before they expire; a failed attempt is not
 * cached, so the next call tries again.
 */
export function memoize(provider: CredentialProvider, now: () => number = Date.now): CredentialProvider {
  let pending: Promise<AwsIdentity> | undefined;
  return async () => {
    if (pending) {
      const identity = await pending.catch(() => undefined);
      const fresh =
        identity && (!identity.expiration || identity.expiration.getTime() - REFRESH_MARGIN_MS > now());
      if (fresh) return identity;
    }
    const attempt = provider();
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
    return attempt;
  };
}
