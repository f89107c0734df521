import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setImmediate } from 'node:timers/promises';
import { canCarryTags, hasFlag, type AttributeFlag } from '@escher/knowledge';
import {
  CLOUDS,
  type Cloud,
  type ExecutionRecord,
  type Plan,
  type Resource,
  type Step,
  type Verify,
} from '@escher/protocol';
import { startSimProcess, type SimTarget } from '@escher/provider-api/contract';
import { openAccountSecrets, readAccounts } from '../cli/accounts-file.ts';
import type { CliIo } from '../cli/cli-io.ts';
import { initHome, openStore } from '../cli/escher-home.ts';
import { runCli } from '../cli/main.ts';
import { runSync } from '../cli/run-sync.ts';
import { createCliHarness, simAccountArgs, type CliHarness } from '../cli/testing/cli-harness.ts';
import { AccountActions, Engine, type Sleep } from '../engine/index.ts';
import { localUser, openPlaybookCatalog } from '../engine/build-engine.ts';
import { instantTransitions } from '../engine/engine.testing.ts';
import { writeRefreshed } from '../store/refresh-writer.ts';
import type { Clock, Store } from '../store/index.ts';
import type { PlaybookCatalog } from './playbook-catalog.ts';
import { builtinPlaybooks } from './playbook-library.ts';

/** What the tests drive: the store, the engine over it, the playbooks and the accounts' actions. */
export interface LibrarySession {
  store: Store;
  engine: Engine;
  catalog: PlaybookCatalog;
  accounts: AccountActions;
}

/** One simulator, a home with one cloud's account synced, and an engine session kept open. */
export interface LibrarySim {
  cloud: Cloud;
  sim: SimTarget;
  h: CliHarness;
  session: LibrarySession;
  /** Targets a run has changed: deletes only take untouched ones (throwaways). */
  touched: Set<string>;
  /** Targets gone from the simulator. */
  deleted: Set<string>;
  stop(): Promise<void>;
}

const quietIo = (h: CliHarness): CliIo => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env: h.env,
});

/**
 * Starts `escher-sim` (instant transitions; the medium estate, since the small one has no public
 * database or cluster, no customer-managed key, no unencrypted bucket), connects `cloud` in a
 * fresh home, syncs once, and opens the engine over it in this process — wired as `escher run`
 * wires it — so each playbook costs a plan, an approval and an apply, not a CLI start.
 */
export async function startLibrarySim(cloud: Cloud, seed = '9', size = 'medium'): Promise<LibrarySim> {
  const sim = await startSimProcess(['--seed', seed, '--size', size]);
  await instantTransitions(sim);
  const h = createCliHarness({ prefix: `escher-library-${cloud}-` });
  const io = quietIo(h);
  await initHome(h.home, h.env);
  const args = simAccountArgs(h, sim, 'library-sim-secret').find((a) => a[0] === cloud) ?? [];
  const errors: string[] = [];
  const add = await runCli(['accounts', 'add', ...args], {
    ...io,
    stderr: { write: (t: string) => errors.push(t) },
  });
  assert.equal(add, 0, errors.join(''));
  const summary = await runSync(io, { json: true });
  assert.deepEqual(summary.errors, [], 'the sync is complete');
  const session = await openSession(h);
  return {
    cloud,
    sim,
    h,
    session,
    touched: new Set(),
    deleted: new Set(),
    async stop() {
      session.accounts.close();
      session.store.close();
      await sim.stop();
      h.cleanup();
    },
  };
}

/**
 * The engine over the home, wired like `buildEngine` (ledger key, vault redactor, store refresh)
 * but on a clock that a verify's wait moves forward instead of sleeping: transitions are instant
 * in the simulator, so a verify that does not hold at once never will, and fails in
 * milliseconds rather than after its 10–30 minute timeout.
 */
async function openSession(h: CliHarness): Promise<LibrarySession> {
  const store = await openStore(h.home, h.env);
  const secrets = await openAccountSecrets(h.home, store);
  const accounts = new AccountActions(readAccounts(h.home), secrets.vault, h.env);
  await accounts.load(CLOUDS);
  let skipped = 0;
  const clock: Clock = { now: () => Date.now() + skipped };
  const sleep: Sleep = async (ms) => {
    skipped += ms;
    await setImmediate();
  };
  const redactor = secrets.vault.redactor();
  const engine = new Engine({
    db: store.database(),
    record: (event) => secrets.ledger.append(event),
    signingKey: () => secrets.ledger.signingKey(),
    actor: localUser(),
    clock,
    sleep,
    graph: store.edges(),
    resourceOf: (id) => store.getResource(id),
    actionsFor: (target) => accounts.actionsFor(target),
    commandEnv: (target) => accounts.commandEnv(target),
    redact: (text) => accounts.redactObtained(redactor.redact(text)),
    load: (clouds) => accounts.load(clouds),
    writeRefreshed: (refreshed) => writeRefreshed(store, refreshed),
  });
  const catalog = openPlaybookCatalog({ store, secrets, home: h.home, clock });
  catalog.sync();
  return { store, engine, catalog, accounts };
}

/** The built-in playbooks that apply to `cloud`, by id. */
export function libraryFor(cloud: Cloud): { id: string; structured: boolean; tools: string[] }[] {
  return builtinPlaybooks()
    .map((b) => b.playbook)
    .filter((p) => p.applicability.clouds.includes(cloud))
    .map((p) => ({
      id: p.id,
      structured: p.steps.every((s) => 'action' in s),
      tools: [...new Set(p.steps.flatMap((s) => ('command' in s ? [s.command[0] as string] : [])))],
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether a command-line tool is on PATH (`which`). */
export function onPath(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Native sizes each cloud's resize accepts (docs/operation-params.md); two, so one always differs. */
const SIZES: Record<string, Record<Cloud, string[]>> = {
  'compute.instance': {
    aws: ['t3.large', 't3.xlarge'],
    azure: ['Standard_D4s_v5', 'Standard_D2s_v5'],
    gcp: ['e2-standard-4', 'e2-standard-2'],
  },
  'database.instance': {
    aws: ['db.m6g.large', 'db.m6g.xlarge'],
    azure: ['Standard_D4ds_v5', 'Standard_D2ds_v5'],
    gcp: ['db-custom-2-7680', 'db-custom-4-15360'],
  },
};

/** Actions whose target already looks like the result before the run (nothing to compare). */
export const SAME_BEFORE_AND_AFTER: ReadonlySet<string> = new Set([
  'restart',
  'snapshot',
  'backup',
  'describe',
  'list',
]);

/** What one run of a playbook needs: the target (as the simulator has it now) and `--param` text. */
export interface Choice {
  target: Resource;
  params: Record<string, string>;
}

const TAGS = { 'escher-library-test': 'h9' };

/**
 * Tag and untag runs need a resource that can carry tags (`canCarryTags`: not AWS managed keys,
 * not GCP networks…). AWS service-linked roles are out too: the simulator refuses to tag them as
 * IAM does, though `canCarryTags` keeps them (see docs/playbook-library-sim.md).
 */
const taggable = (r: Resource): boolean => canCarryTags(r) && !r.nativeId.includes(':role/aws-service-role/');

/**
 * The targets the playbook applies to, read back from the simulator (earlier runs changed or
 * deleted some, and deleting an instance deletes its volumes), in the order to try them:
 * untouched ones first (deletes only ever get untouched ones), then non-production.
 */
export async function chooseTargets(env: LibrarySim, playbookId: string): Promise<Choice[]> {
  const { session, cloud } = env;
  const pb = session.catalog.get(playbookId).playbook.playbook;
  const type = pb.applicability.resourceTypes[0] as string;
  const action = pb.applicability.actions[0] as string;
  const pre = pb.preconditions;
  const fits = (r: Resource): boolean =>
    (!pre?.state || pre.state.includes(r.state ?? '')) &&
    Object.entries(pre?.flags ?? {}).every(([f, want]) => hasFlag(r, f as AttributeFlag) === want) &&
    // Resizing needs a stopped machine on AWS and GCP; untag, a tag to remove.
    (action !== 'resize' || type !== 'compute.instance' || r.state === 'stopped') &&
    (action !== 'untag' || Object.keys(r.tags).length > 0) &&
    // One node pool (the playbook has no pool parameter, and GKE refuses to guess), not Autopilot.
    (action !== 'scale' ||
      (Number(r.attributes['nodePools'] ?? 1) <= 1 && r.attributes['autopilot'] !== true));
  const listed = session.store
    .listResources({ cloud, type: type as Resource['type'] })
    .filter((r) => !env.deleted.has(r.id))
    .filter((r) => !['tag', 'untag'].includes(action) || taggable(r))
    .filter((r) => action !== 'delete' || !env.touched.has(r.id))
    .sort(
      (a, b) =>
        Number(env.touched.has(a.id)) - Number(env.touched.has(b.id)) ||
        Number(a.environment === 'prod') - Number(b.environment === 'prod'),
    );
  // The store's copy may be stale (earlier runs): the simulator's has the last word, for a few;
  // and a target that already looks changed (rotation already on) proves nothing, so comes last.
  const chosen: Choice[] = [];
  const already: Choice[] = [];
  const verifies = verifiesOf(env, playbookId);
  for (const r of listed) {
    if (chosen.length >= 6) break;
    if (!fits(r) && !env.touched.has(r.id)) continue;
    const now = await readBack(env, r);
    if (!now || now.state === 'terminated') {
      env.deleted.add(r.id);
      continue;
    }
    if (!fits(now)) continue;
    const choice = { target: now, params: paramsFor(type, action, cloud, now) };
    const looksDone =
      !SAME_BEFORE_AND_AFTER.has(action) && verifies.every((v) => unmet(v, now, choice.params).length === 0);
    (looksDone ? already : chosen).push(choice);
  }
  return [...chosen, ...already];
}

/** The playbook's operations that the cloud's provider does not implement. */
export function unimplemented(env: LibrarySim, playbookId: string): string[] {
  const pb = env.session.catalog.get(playbookId).playbook.playbook;
  const any = env.session.store.listResources({ cloud: env.cloud })[0];
  assert.ok(any, `the ${env.cloud} estate is empty`);
  const ids = new Set(env.session.accounts.actionsFor(any)?.operations.map((o) => o.id));
  return pb.steps.flatMap((s) => ('action' in s && !ids.has(s.action as never) ? [s.action] : []));
}

function paramsFor(type: string, action: string, cloud: Cloud, target: Resource): Record<string, string> {
  switch (action) {
    case 'resize': {
      const sizes = SIZES[type]?.[cloud] ?? [];
      return { size: sizes.find((s) => s !== target.attributes['size']) ?? '' };
    }
    case 'tag':
      return { tags: JSON.stringify(TAGS) };
    case 'untag':
      return { keys: JSON.stringify([Object.keys(target.tags)[0]]) };
    case 'restrict':
      // AKS needs the ranges that keep access (authorized IP ranges); the others take none.
      return type === 'container.cluster' && cloud === 'azure' ? { allowCidrs: '["10.0.0.0/8"]' } : {};
    case 'scale':
      return { nodeCount: String(Number(target.attributes['nodeCount'] ?? 2) + 1) };
    default:
      return {};
  }
}

/** Plan findings that are about the chosen target, not the playbook: another target may do. */
const TARGET_FINDINGS = new Set(['blast-radius-load-balancer', 'firewall-in-use']);

/** Plans one playbook on one target; resolves with the plan and its error findings. */
export async function planFor(
  env: LibrarySim,
  playbookId: string,
  target: Resource,
  params: Record<string, string>,
): Promise<{ plan: Plan; errors: string[] }> {
  const found = env.session.catalog.get(playbookId);
  const { plan } = await env.session.engine.plan({
    playbook: found.playbook,
    state: found.state,
    candidates: [target],
    params,
    dryRun: true,
  });
  const errors = plan.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`);
  return { plan, errors };
}

/**
 * The first choice whose plan has no error about the target itself (a load balancer's last
 * healthy instance); other errors are the playbook's or the provider's and are returned as they are.
 */
export async function firstPlannable(
  env: LibrarySim,
  playbookId: string,
  choices: readonly Choice[],
): Promise<Choice | undefined> {
  for (const choice of choices.slice(0, 6)) {
    const { errors } = await planFor(env, playbookId, choice.target, choice.params);
    if (!errors.every((e) => TARGET_FINDINGS.has(e.split(':')[0] as string)) || errors.length === 0)
      return choice;
  }
  return choices[0];
}

/** Plans, approves (typing the count, as a user would for production) and applies in-process. */
export async function runPlaybook(
  env: LibrarySim,
  playbookId: string,
  target: Resource,
  params: Record<string, string>,
): Promise<{ execution: ExecutionRecord; output: string }> {
  const found = env.session.catalog.get(playbookId);
  const { plan, errors } = await planFor(env, playbookId, target, params);
  assert.deepEqual(errors, [], `${playbookId} on ${target.id}: the plan has errors`);
  assert.equal(
    plan.targets.length,
    1,
    `${playbookId} on ${target.id}: skipped ${JSON.stringify(plan.skipped)}`,
  );
  env.touched.add(target.id);
  if (playbookId.startsWith('delete-')) env.deleted.add(target.id);
  const { session } = env;
  session.engine.approve(plan.id, { kind: 'typed', text: '1' }, found.state);
  const { executionId } = await session.engine.apply(plan.id);
  const execution = session.engine.table.get(executionId);
  const output = session.engine.table
    .eventsAfter(executionId, 0)
    .map((e) => e.text)
    .join('\n');
  return { execution, output };
}

/** Reads the target back from the cloud (the provider's `refresh`, not the store). */
export async function readBack(env: LibrarySim, target: Resource): Promise<Resource | undefined> {
  const actions = env.session.accounts.actionsFor(target);
  assert.ok(actions, `no provider actions for ${target.id}`);
  return actions.refresh(target);
}

const fill = (value: unknown, params: Record<string, string>): unknown => {
  if (typeof value !== 'string') return value;
  const m = /^\{\{\s*params\.(\w+)\s*\}\}$/.exec(value);
  if (!m) return value;
  const text = params[m[1] as string] ?? '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Checks, on the resource read back from the simulator, what the step's verify promised — an
 * independent reading of the same condition, so a verify that passed for the wrong reason shows.
 * Returns the problems (none: the simulator shows the change).
 */
export function unmet(verify: Verify, after: Resource | undefined, params: Record<string, string>): string[] {
  const problems: string[] = [];
  if (verify.gone) {
    if (after && after.state !== 'terminated') problems.push(`still there (${after.state ?? '?'})`);
    return problems;
  }
  if (verify.created || verify.command) return problems;
  if (!after) return ['gone from the simulator'];
  if (verify.state !== undefined) {
    const want = Array.isArray(verify.state) ? verify.state : [verify.state];
    if (!want.includes(after.state ?? ''))
      problems.push(`state ${after.state ?? '?'}, not ${want.join('|')}`);
  }
  for (const [k, v] of Object.entries(verify.attributes ?? {})) {
    const want = fill(v, params);
    if (String(after.attributes[k]) !== String(want))
      problems.push(`${k} ${JSON.stringify(after.attributes[k])}, not ${JSON.stringify(want)}`);
  }
  for (const [f, want] of Object.entries(verify.flags ?? {})) {
    if (hasFlag(after, f as AttributeFlag) !== want) problems.push(`${f} is not ${String(want)}`);
  }
  const tags = fill(verify.tags, params) as Record<string, string> | undefined;
  for (const [k, v] of Object.entries(tags ?? {})) {
    if (after.tags[k] !== v) problems.push(`tag ${k}=${after.tags[k] ?? '(absent)'}, not ${v}`);
  }
  const absent = fill(verify.tagsAbsent, params) as string[] | undefined;
  for (const k of absent ?? []) if (k in after.tags) problems.push(`tag ${k} still there`);
  return problems;
}

/** The verify of every action step of a playbook. */
export function verifiesOf(env: LibrarySim, playbookId: string): Verify[] {
  const steps: Step[] = env.session.catalog.get(playbookId).playbook.playbook.steps;
  return steps.flatMap((s) => ('action' in s && s.verify ? [s.verify] : []));
}
