import type { Command } from 'commander';
import { UserError, type Cloud } from '@escher/protocol';
import {
  addAccount,
  readAccounts,
  removeAccount,
  withAccountSecrets,
  type AccountConfig,
} from '../accounts-file.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

/** Every credential flag `accounts add` takes, across the three clouds. */
interface AddOptions {
  name: string;
  endpoint?: string;
  caFile?: string;
  profile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  roleArn?: string[];
  externalId?: string;
  tenant?: string;
  clientId?: string;
  clientSecret?: string;
  azureCli?: boolean;
  keyFile?: string;
  accessToken?: string;
  project?: string[];
  json?: boolean;
}

/** The credential object split into what accounts.json may hold and what goes to the vault. */
interface SplitCredentials {
  credentials: Record<string, unknown>;
  secrets: Record<string, string>;
  describe: string;
}

/** `escher accounts add|list|remove`. */
export function registerAccounts(program: Command, io: CliIo): void {
  const accounts = program.command('accounts').description('connect and list cloud accounts');
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

  accounts
    .command('add')
    .description('connect an AWS, Azure or GCP account')
    .argument('<cloud>', 'aws | azure | gcp')
    .requiredOption('--name <name>', 'a name for this account')
    .option('--endpoint <url>', 'API endpoint override (the simulator)')
    .option('--ca-file <file>', 'PEM CA to trust (the simulator’s Azure certificate)')
    .option('--profile <profile>', 'AWS: profile of ~/.aws/config')
    .option('--access-key-id <id>', 'AWS: access key id')
    .option('--secret-access-key <secret>', 'AWS: secret access key')
    .option('--session-token <token>', 'AWS: session token')
    .option('--role-arn <arn>', 'AWS: role to assume, one account per role (repeatable)', collect)
    .option('--external-id <id>', 'AWS: external id for the roles')
    .option('--tenant <id>', 'Azure: tenant id')
    .option('--client-id <id>', 'Azure: service principal client id')
    .option('--client-secret <secret>', 'Azure: service principal secret')
    .option('--azure-cli', 'Azure: use the `az login` identity')
    .option('--key-file <file>', 'GCP: service-account JSON key file')
    .option('--access-token <token>', 'GCP: a bearer token')
    .option('--project <id>', 'GCP: limit to this project (repeatable)', collect)
    .option('--json', 'machine output')
    .action(async (cloudArg: string, options: AddOptions) => {
      const cloud = parseCloud(cloudArg);
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(options.name)) {
        throw new UserError('account-name-invalid', `Invalid account name '${options.name}'`, {
          hint: 'Use letters, digits, dot, dash or underscore (max 64)',
        });
      }
      const split = splitCredentials(cloud, options);
      const account: AccountConfig = {
        name: options.name,
        cloud,
        credentials: split.credentials,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.caFile ? { caFile: options.caFile } : {}),
        addedAt: new Date().toISOString(),
      };
      await withAccountSecrets(io, (secrets) => addAccount(secrets, account, split.secrets));
      const fields = Object.keys(split.secrets).sort();
      const secretNote =
        fields.length > 0
          ? `Secrets (${fields.join(', ')}) are stored encrypted in the vault (AES-256-GCM inside the encrypted store), never in accounts.json.`
          : undefined;
      if (options.json) printJson(io, { account: account, secretFields: fields });
      else
        printLines(io, [
          `Added ${cloud} account '${account.name}' (${split.describe})`,
          ...(secretNote ? [secretNote] : []),
          'Next: escher sync',
        ]);
    });

  accounts
    .command('list')
    .description('list connected accounts')
    .option('--json', 'machine output')
    .action(async (options: { json?: boolean }) => {
      const list = await withAccountSecrets(io, (secrets) =>
        readAccounts(secrets.home).map((a) => ({ ...a, secretFields: secrets.vault.fields(a.name) })),
      );
      if (options.json) printJson(io, { count: list.length, accounts: list });
      else if (list.length === 0) printLines(io, ['No accounts. Add one with `escher accounts add`.']);
      else
        printLines(
          io,
          list.map((a) =>
            `${a.name.padEnd(20)} ${a.cloud.padEnd(6)} ${String(a.credentials['kind'] ?? '').padEnd(18)} ${(a.secretFields.length > 0 ? `vault: ${a.secretFields.join(', ')}` : '').padEnd(28)} ${a.endpoint ?? ''}`.trimEnd(),
          ),
        );
    });

  accounts
    .command('remove')
    .description('disconnect an account and delete its secrets (its synced resources stay in the store)')
    .argument('<name>', 'account name')
    .option('--json', 'machine output')
    .action(async (name: string, options: { json?: boolean }) => {
      const removed = await withAccountSecrets(io, (secrets) => removeAccount(secrets, name));
      if (options.json) printJson(io, { removed: removed });
      else
        printLines(io, [
          `Removed ${removed.cloud} account '${removed.name}' and deleted its secrets from the vault`,
        ]);
    });
}

function parseCloud(value: string): Cloud {
  if (value === 'aws' || value === 'azure' || value === 'gcp') return value;
  throw new UserError('cloud-invalid', `Unknown cloud '${value}'`, { hint: 'Use aws, azure or gcp' });
}

function splitCredentials(cloud: Cloud, o: AddOptions): SplitCredentials {
  switch (cloud) {
    case 'aws':
      return awsCredentials(o);
    case 'azure':
      return azureCredentials(o);
    case 'gcp':
      return gcpCredentials(o);
  }
}

function awsCredentials(o: AddOptions): SplitCredentials {
  if (o.accessKeyId !== undefined && o.secretAccessKey === undefined) {
    throw new UserError('credentials-incomplete', '--access-key-id needs --secret-access-key', {
      hint: 'Pass both keys, or --profile NAME, or neither to use AWS_* environment variables',
    });
  }
  const prefix = o.roleArn?.length ? 'base.' : '';
  const secrets: Record<string, string> = {};
  let base: Record<string, unknown>;
  let describe: string;
  if (o.profile) {
    base = { kind: 'profile', profile: o.profile };
    describe = `profile ${o.profile}`;
  } else if (o.accessKeyId && o.secretAccessKey) {
    base = { kind: 'keys', accessKeyId: o.accessKeyId };
    secrets[`${prefix}secretAccessKey`] = o.secretAccessKey;
    if (o.sessionToken) secrets[`${prefix}sessionToken`] = o.sessionToken;
    describe = `access key ${o.accessKeyId}`;
  } else {
    base = { kind: 'env' };
    describe = 'AWS_* environment variables';
  }
  if (!o.roleArn?.length) return { credentials: base, secrets, describe };
  return {
    credentials: {
      kind: 'roles',
      base,
      roleArns: o.roleArn,
      ...(o.externalId ? { externalId: o.externalId } : {}),
    },
    secrets,
    describe: `${o.roleArn.length} role(s) from ${describe}`,
  };
}

function azureCredentials(o: AddOptions): SplitCredentials {
  if (o.clientId || o.clientSecret) {
    if (!o.tenant || !o.clientId || !o.clientSecret) {
      throw new UserError(
        'credentials-incomplete',
        'A service principal needs --tenant, --client-id and --client-secret',
        {
          hint: 'Pass all three, or --azure-cli to use `az login`, or none for DefaultAzureCredential',
        },
      );
    }
    return {
      credentials: { kind: 'service-principal', tenantId: o.tenant, clientId: o.clientId },
      secrets: { clientSecret: o.clientSecret },
      describe: `service principal ${o.clientId}`,
    };
  }
  const tenant = o.tenant ? { tenantId: o.tenant } : {};
  if (o.azureCli) return { credentials: { kind: 'cli', ...tenant }, secrets: {}, describe: 'az login' };
  return { credentials: { kind: 'default', ...tenant }, secrets: {}, describe: 'DefaultAzureCredential' };
}

function gcpCredentials(o: AddOptions): SplitCredentials {
  const projects = o.project?.length ? { projects: o.project } : {};
  if (o.keyFile) {
    return {
      credentials: { kind: 'key-file', path: o.keyFile, ...projects },
      secrets: {},
      describe: `key file ${o.keyFile}`,
    };
  }
  if (o.accessToken) {
    return {
      credentials: { kind: 'access-token', ...projects },
      secrets: { token: o.accessToken },
      describe: 'access token',
    };
  }
  return {
    credentials: { kind: 'adc', ...projects },
    secrets: {},
    describe: 'Application Default Credentials',
  };
}
