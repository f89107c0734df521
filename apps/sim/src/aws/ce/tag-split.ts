import { ENV_WEIGHTS, TEAMS } from '../../estate/naming.ts';

/**
 * How Cost Explorer's TAG dimension sees spend. The daily cost history is per account and
 * service, so tag breakdowns split each row deterministically: for an env-like key (env,
 * Environment, stage — any casing) over `prod`, `staging`, `dev`, `test` and `` (untagged), for
 * team/Team over the team names, for any other key all spend is untagged (``). The weights
 * depend on the account, service and tag key, with a small per-day wobble, and sum to 1.
 */
export function tagShares(
  tagKey: string,
  account: string,
  service: string,
  date: string,
): [string, number][] {
  const key = tagKey.toLowerCase();
  const base: [string, number][] =
    key === 'env' || key === 'environment' || key === 'stage'
      ? [...ENV_WEIGHTS.map(([env, w]) => [env, w] as [string, number]), ['', 12]]
      : key === 'team'
        ? [...TEAMS.map((t) => [t, 10] as [string, number]), ['', 15]]
        : [['', 1]];
  if (base.length === 1) return base;
  const weighted = base.map(([value, w]) => {
    const stable = 0.4 + hash(`${account}|${service}|${key}|${value}`) * 1.2;
    const wobble = 0.9 + hash(`${date}|${account}|${service}|${value}`) * 0.2;
    return [value, w * stable * wobble] as [string, number];
  });
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  return weighted.map(([v, w]) => [v, w / total]);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}
