import type { Command } from 'commander';
import {
  CLOUDS,
  ENVIRONMENTS,
  UserError,
  type Cloud,
  type Environment,
  type Resource,
} from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import type { ResourceFilter } from '../../store/index.ts';

interface ResourcesOptions {
  type?: string[];
  cloud?: string[];
  region?: string[];
  env?: string[];
  tag?: string[];
  state?: string[];
  limit?: string;
  json?: boolean;
}

/** `escher resources [filters] [--json]`: the synced inventory, filtered; `{count, resources}` with --json. */
export function registerResources(program: Command, io: CliIo): void {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',')];
  program
    .command('resources')
    .description('list synced resources (filters combine with AND; repeat a flag for OR)')
    .option('--type <type>', 'resource type, e.g. compute.instance', collect)
    .option('--cloud <cloud>', 'aws | azure | gcp', collect)
    .option('--region <region>', 'region code', collect)
    .option('--env <env>', 'prod | staging | dev | test', collect)
    .option(
      '--tag <k=v>',
      'tag pair (repeatable; v of * only needs the key)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--state <state>', 'running | stopped | …', collect)
    .option('--limit <n>', 'at most n resources')
    .option('--json', 'machine output: {count, resources}')
    .action(async (options: ResourcesOptions) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const filter = toFilter(options);
      const store = await openStore(home, io.env);
      let resources: Resource[];
      try {
        resources = store.listResources(filter);
      } finally {
        store.close();
      }
      if (options.json) {
        printJson(io, { count: resources.length, resources });
        return;
      }
      printLines(io, [
        ...resources.map(
          (r) =>
            `${r.cloud.padEnd(5)} ${r.type.padEnd(22)} ${r.region.padEnd(16)} ${(r.environment ?? '-').padEnd(7)} ${(r.state ?? '-').padEnd(9)} ${r.name}`,
        ),
        `${resources.length} resource${resources.length === 1 ? '' : 's'}`,
      ]);
    });
}

function toFilter(o: ResourcesOptions): ResourceFilter {
  const filter: ResourceFilter = {};
  if (o.type?.length) filter.type = o.type;
  if (o.cloud?.length) filter.cloud = o.cloud.map(parseCloud);
  if (o.region?.length) filter.region = o.region;
  if (o.env?.length) filter.environment = o.env.map(parseEnvironment);
  if (o.state?.length) filter.state = o.state;
  if (o.tag?.length) filter.tags = Object.fromEntries(o.tag.map(parseTag));
  if (o.limit !== undefined) {
    const limit = Number(o.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new UserError('limit-invalid', `--limit must be a positive integer, not '${o.limit}'`);
    }
    filter.limit = limit;
  }
  return filter;
}

function parseCloud(value: string): Cloud {
  const found = CLOUDS.find((c) => c === value);
  if (!found)
    throw new UserError('cloud-invalid', `Unknown cloud '${value}'`, { hint: `Use ${CLOUDS.join(', ')}` });
  return found;
}

function parseEnvironment(value: string): Environment {
  const found = ENVIRONMENTS.find((e) => e === value);
  if (!found) {
    throw new UserError('environment-invalid', `Unknown environment '${value}'`, {
      hint: `Use ${ENVIRONMENTS.join(', ')}`,
    });
  }
  return found;
}

function parseTag(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0)
    throw new UserError('tag-invalid', `--tag needs key=value, not '${value}'`, {
      hint: 'e.g. --tag team=payments',
    });
  return [value.slice(0, at), value.slice(at + 1)];
}
