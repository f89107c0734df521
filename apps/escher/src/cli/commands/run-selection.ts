import {
  CLOUDS,
  normaliseEnvironment,
  RESOURCE_TYPES,
  UserError,
  type Cloud,
  type Resource,
  type ResourceType,
} from '@escher/protocol';
import type { Store } from '../../store/index.ts';

/** Which targets a run covers: `escher run`'s selection options, and the daemon's `POST /plans` body. */
export interface TargetSelection {
  target?: readonly string[] | undefined;
  cloud?: string | undefined;
  account?: string | undefined;
  region?: string | undefined;
  environment?: string | undefined;
  type?: string | undefined;
  /** `key=value` each. */
  tag?: readonly string[] | undefined;
}

/**
 * The stored resources a selection names, narrowed to the playbook's clouds and types. Shared by
 * the CLI and the daemon so both plan over exactly the same targets. An empty selection is
 * refused: running on everything a playbook applies to is never the default.
 */
export function selectTargets(
  store: Store,
  applicability: { clouds: readonly Cloud[]; resourceTypes: readonly ResourceType[] },
  o: TargetSelection,
): Resource[] {
  if (
    !o.target?.length &&
    !o.cloud &&
    !o.account &&
    !o.region &&
    !o.environment &&
    !o.tag?.length &&
    !o.type
  ) {
    throw new UserError(
      'selection-missing',
      'Choose the targets: --target, or filters such as --region and --environment',
      {
        hint: 'Running on everything a playbook applies to is never the default',
      },
    );
  }
  if (o.cloud && !(CLOUDS as readonly string[]).includes(o.cloud)) {
    throw new UserError('cloud-invalid', `Unknown cloud '${o.cloud}'`, {
      hint: `Use one of ${CLOUDS.join(', ')}`,
    });
  }
  if (o.type && !(RESOURCE_TYPES as readonly string[]).includes(o.type)) {
    throw new UserError('type-invalid', `Unknown resource type '${o.type}'`, {
      hint: 'See `escher resources --help`',
    });
  }
  const environment = o.environment === undefined ? undefined : normaliseEnvironment(o.environment);
  if (o.environment !== undefined && !environment) {
    throw new UserError('environment-invalid', `Unknown environment '${o.environment}'`, {
      hint: 'Use prod, staging, dev or test',
    });
  }
  const resources = store.listResources({
    type: o.type ? [o.type] : [...applicability.resourceTypes],
    cloud: o.cloud ? [o.cloud as Cloud] : [...applicability.clouds],
    ...(o.account ? { account: o.account } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(environment ? { environment } : {}),
    ...(o.tag?.length ? { tags: parsePairs(o.tag, '--tag') } : {}),
  });
  if (!o.target?.length) return resources;
  const wanted = new Set(o.target);
  const chosen = resources.filter((r) => wanted.has(r.id) || wanted.has(r.nativeId) || wanted.has(r.name));
  const missing = o.target.filter((t) => !chosen.some((r) => r.id === t || r.nativeId === t || r.name === t));
  if (missing.length > 0) {
    throw new UserError(
      'target-not-found',
      `No ${applicability.resourceTypes.join('/')} matches ${missing.map((m) => `'${m}'`).join(', ')}`,
      {
        hint: 'Find targets with `escher resources` or `escher search`, then `escher sync` if the estate changed',
      },
    );
  }
  return chosen;
}

/** `NAME=VALUE` pairs of a repeatable option (`--param`, `--tag`) as a record. */
export function parsePairs(pairs: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new UserError('pair-invalid', `${option} takes NAME=VALUE, not '${pair}'`, {
        hint: `For example: ${option} size=t3.large`,
      });
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
