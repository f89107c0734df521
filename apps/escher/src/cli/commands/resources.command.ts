import type { Command } from 'commander';
import {
  CLOUDS,
  ENVIRONMENTS,
  UserError,
  type ChangedResources,
  type Cloud,
  type Environment,
  type Resource,
} from '@escher/protocol';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { openStore, requireHome, resolveHome } from '../escher-home.ts';
import { terminalSafe } from '../terminal-text.ts';
import { parseFilter, toPredicate } from '@escher/knowledge';
import { netChanges, parseSince } from '../../graph/index.ts';
import type { ResourceFilter, Store } from '../../store/index.ts';

interface ResourcesOptions {
  type?: string[];
  cloud?: string[];
  region?: string[];
  env?: string[];
  tag?: string[];
  state?: string[];
  limit?: string;
  changedSince?: string;
  removed?: boolean;
  where?: string;
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
    .option(
      '--changed-since <time>',
      'only resources added or changed since an ISO time or a duration ago (30m, 2h, 7d)',
    )
    .option('--removed', 'with --changed-since: also list resources removed since then')
    .option('--where <expr>', 'filter language: env=prod AND (team=payments OR NOT tag:owner) AND cost>100')
    .option('--json', 'machine output: {count, resources} (+ since, changes, removed with --changed-since)')
    .action(async (options: ResourcesOptions) => {
      const home = resolveHome(io.env);
      requireHome(home);
      const filter = toFilter(options);
      const where = options.where?.trim() ? parseFilter(options.where) : undefined;
      // --limit counts what --where keeps, so it is applied after the filter.
      const limit = where ? filter.limit : undefined;
      if (where) delete filter.limit;
      if (options.removed && options.changedSince === undefined) {
        throw new UserError('removed-needs-since', '--removed lists removals since a time', {
          hint: 'Add --changed-since, e.g. --changed-since 1d --removed',
        });
      }
      const store = await openStore(home, io.env);
      let resources: Resource[];
      let changed: ChangedResources | undefined;
      try {
        resources = store.listResources(filter);
        if (where) resources = resources.filter(toPredicate(where)).slice(0, limit);
        if (typeof filter.changedSince === 'number') {
          changed = changesSince(store, resources, filter, filter.changedSince, options.removed === true);
        }
      } finally {
        store.close();
      }
      if (options.json) {
        printJson(io, changed ?? { count: resources.length, resources });
        return;
      }
      if (changed) {
        printLines(io, renderChanged(changed));
        return;
      }
      printLines(io, [
        ...resources.map(resourceLine),
        `${resources.length} resource${resources.length === 1 ? '' : 's'}`,
      ]);
    });
}

/** One table row; names and states come from the cloud, so control characters are shown escaped. */
function resourceLine(r: Resource): string {
  return terminalSafe(
    `${r.cloud.padEnd(5)} ${r.type.padEnd(22)} ${r.region.padEnd(16)} ${(r.environment ?? '-').padEnd(7)} ${(r.state ?? '-').padEnd(9)} ${r.name}`,
  );
}

/**
 * The `--changed-since` view: the listed resources with their net change since then, and with
 * `--removed` the resources removed since then (as last known, matching the same filters).
 */
function changesSince(
  store: Store,
  resources: Resource[],
  filter: ResourceFilter,
  since: number,
  withRemoved: boolean,
): ChangedResources {
  const net = netChanges(store.changesSince(since));
  const listed = new Set(resources.map((r) => r.id));
  const result: ChangedResources = {
    count: resources.length,
    resources,
    since: new Date(since).toISOString(),
    changes: net.filter((c) => listed.has(c.resourceId)),
  };
  if (withRemoved) {
    const removedAt = new Map(net.filter((c) => c.kind === 'removed').map((c) => [c.resourceId, c.at]));
    const known = store.edges().known([...removedAt.keys()]);
    const removed: NonNullable<ChangedResources['removed']> = [];
    for (const [id, at] of removedAt) {
      const resource = known.get(id)?.resource;
      if (resource && matches(resource, filter)) removed.push({ at, resource });
    }
    result.removed = removed;
    result.changes.push(
      ...net.filter((c) => c.kind === 'removed' && removed.some((r) => r.resource.id === c.resourceId)),
    );
  }
  return result;
}

function renderChanged(changed: ChangedResources): string[] {
  const byId = new Map(changed.changes.map((c) => [c.resourceId, c]));
  const lines = changed.resources.map((r) => {
    const change = byId.get(r.id);
    const mark = change?.kind === 'added' ? '+' : '~';
    const fields = change?.fields?.length ? `  [${change.fields.join(', ')}]` : '';
    return `${mark} ${resourceLine(r)}${terminalSafe(fields)}`;
  });
  for (const { resource } of changed.removed ?? []) lines.push(`- ${resourceLine(resource)}`);
  const added = changed.changes.filter((c) => c.kind === 'added').length;
  const counts = [`${added} added`, `${changed.count - added} changed`];
  if (changed.removed) counts.push(`${changed.removed.length} removed`);
  lines.push(`${counts.join(', ')} since ${changed.since}`);
  return lines;
}

/** The structured filters, applied to a removed resource's last known state. */
function matches(r: Resource, f: ResourceFilter): boolean {
  const oneOf = (value: string | undefined, wanted: string | readonly string[] | undefined): boolean =>
    wanted === undefined ||
    (typeof wanted === 'string' ? value === wanted : value !== undefined && wanted.includes(value));
  return (
    oneOf(r.type, f.type) &&
    oneOf(r.cloud, f.cloud) &&
    oneOf(r.account, f.account) &&
    oneOf(r.region, f.region) &&
    oneOf(r.environment, f.environment) &&
    oneOf(r.state, f.state) &&
    Object.entries(f.tags ?? {}).every(([k, v]) => Object.hasOwn(r.tags, k) && (v === '*' || r.tags[k] === v))
  );
}

function toFilter(o: ResourcesOptions): ResourceFilter {
  const filter: ResourceFilter = {};
  if (o.type?.length) filter.type = o.type;
  if (o.cloud?.length) filter.cloud = o.cloud.map(parseCloud);
  if (o.region?.length) filter.region = o.region;
  if (o.env?.length) filter.environment = o.env.map(parseEnvironment);
  if (o.state?.length) filter.state = o.state;
  if (o.tag?.length) filter.tags = Object.fromEntries(o.tag.map(parseTag));
  if (o.changedSince !== undefined) filter.changedSince = parseSince(o.changedSince, Date.now());
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
