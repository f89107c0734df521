import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canTransition,
  closest,
  compareSemver,
  PLAYBOOK_TRANSITIONS,
  UserError,
  type Playbook,
  type PlaybookProblem,
  type PlaybookSource,
  type PlaybookState,
  type PlaybookStateChange,
  type PlaybookVersionInfo,
} from '@escher/protocol';
import type { LedgerEvent } from '@escher/protocol';
import type { SqliteDatabase } from '../store/database/sqlite.ts';
import type { Clock } from '../store/clock.ts';
import { formatProblem, parsePlaybook, type ParsedPlaybook } from './parse-playbook.ts';
import {
  builtinPlaybooks,
  playbookFiles,
  readPlaybookFile,
  type LoadedPlaybook,
} from './playbook-library.ts';
import { PlaybookTable, stateKey, type StoredPlaybookVersion } from './playbook-table.ts';

/** What the catalogue needs: the store's connection, somewhere to record changes, and the user directory. */
export interface PlaybookCatalogOptions {
  db: SqliteDatabase;
  /** Appends to the audit ledger (`AuditLedger.append`). */
  record: (event: LedgerEvent) => unknown;
  clock: Clock;
  /** `$ESCHER_HOME/playbooks`. */
  userDir: string;
  /** The built-in library; the shipped one unless a test gives its own. */
  builtins?: readonly LoadedPlaybook[];
}

/** One playbook: its current (highest) version, the state Escher holds for it, and every kept version. */
export interface PlaybookEntry {
  id: string;
  source: PlaybookSource;
  current: LoadedPlaybook;
  state: PlaybookState;
  versions: PlaybookVersionInfo[];
}

/** Something the user should know about a file in the user directory (shown on stderr). */
export interface CatalogNotice {
  file: string;
  message: string;
}

/** A user playbook version starts here, whatever its file says: promotion is always explicit. */
const INITIAL_USER_STATE: PlaybookState = 'draft';

/**
 * The playbook library: built-ins plus the user's playbooks, their kept versions and the
 * lifecycle state of each version (SPEC section 5).
 *
 * User playbooks are YAML files in `$ESCHER_HOME/playbooks`; every version that enters (by
 * `add`, or found in the directory by `sync`) is kept in the encrypted store and recorded in the
 * audit ledger with its SHA-256, so an old version stays readable and what may run is pinned. A
 * changed playbook needs a higher version. New user versions start as `draft`; `setState` moves
 * them along `PLAYBOOK_TRANSITIONS`, each move a ledger entry.
 *
 * @example
 * const catalog = new PlaybookCatalog({ db: store.database(), record: (e) => ledger.append(e), clock, userDir });
 * catalog.sync();
 * catalog.setState('stop-compute-instance', 'active');
 */
export class PlaybookCatalog {
  private readonly table: PlaybookTable;
  private readonly builtins: readonly LoadedPlaybook[];

  constructor(private readonly options: PlaybookCatalogOptions) {
    this.table = new PlaybookTable(options.db);
    this.builtins = options.builtins ?? builtinPlaybooks();
  }

  /**
   * Takes in the user directory: each valid file whose version is new and higher than every kept
   * one is kept (as `draft`). Files that are invalid, reuse a built-in id, change a kept version
   * in place, or go back in version are left out, each with a notice saying why.
   */
  sync(): CatalogNotice[] {
    const dir = this.options.userDir;
    if (!existsSync(dir)) return [];
    const notices: CatalogNotice[] = [];
    for (const file of playbookFiles(dir)) {
      const parsed = readPlaybookFile(file);
      if (!parsed.playbook) {
        const first = parsed.problems.find((p) => p.severity === 'error') as PlaybookProblem;
        const more = parsed.problems.filter((p) => p.severity === 'error').length - 1;
        notices.push({
          file,
          message: `skipped: ${formatProblem(file, first)}${more > 0 ? ` (and ${more} more; run escher playbooks validate ${file})` : ''}`,
        });
        continue;
      }
      const refusal = this.refusal(parsed.playbook, parsed.sha256);
      if (refusal === 'kept') continue;
      if (refusal) notices.push({ file, message: `skipped: ${refusal.message}` });
      else this.keep(parsed, 'found in the user directory');
    }
    return notices;
  }

  /** Every playbook, built-ins and the user's, by id; `deleted` ones only with `all`. */
  list(options: { all?: boolean } = {}): PlaybookEntry[] {
    const states = this.table.states();
    const entries = this.builtins.map((b) => this.builtinEntry(b, states));
    const byId = new Map<string, StoredPlaybookVersion[]>();
    for (const v of this.table.allVersions()) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
    for (const versions of byId.values()) {
      versions.sort((a, b) => compareSemver(a.version, b.version));
      entries.push(this.userEntry(versions, states));
    }
    return entries
      .filter((e) => options.all || e.state !== 'deleted')
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** One playbook, at its current version or the one asked for. */
  get(
    id: string,
    version?: string,
  ): { entry: PlaybookEntry; playbook: LoadedPlaybook; state: PlaybookState } {
    const all = this.list({ all: true });
    const entry = all.find((e) => e.id === id);
    if (!entry) {
      const near = closest(
        id,
        all.map((e) => e.id),
      );
      throw new UserError('playbook-not-found', `No playbook with id '${id}'`, {
        hint: near
          ? `Did you mean ${near}? (escher playbooks list shows them all)`
          : 'See them with `escher playbooks list`',
      });
    }
    if (version === undefined || version === entry.current.playbook.version) {
      return { entry, playbook: entry.current, state: entry.state };
    }
    const info = entry.versions.find((v) => v.version === version);
    const stored =
      entry.source === 'user' ? this.table.versions(id).find((v) => v.version === version) : undefined;
    if (!info || !stored) {
      throw new UserError('playbook-version-not-found', `Playbook '${id}' has no version ${version}`, {
        hint: `Kept versions: ${entry.versions.map((v) => v.version).join(', ')}`,
      });
    }
    return { entry, playbook: loadStored(stored), state: info.state };
  }

  /**
   * Adds a user playbook from a file: it must validate, not reuse a built-in's id, and be a new
   * version higher than every kept one (the same text again is a no-op). The file is copied to
   * the user directory as `<id>.yaml`.
   */
  add(file: string): { added: boolean; change: PlaybookStateChange; parsed: ParsedPlaybook } {
    const parsed = readPlaybookFile(file);
    const playbook = parsed.playbook;
    if (!playbook) {
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      throw new UserError('playbook-invalid', `${file} has ${errors.length} error(s); nothing was added`, {
        hint: `Run \`escher playbooks validate ${file}\` to see them with their lines`,
        details: { problems: errors.map((p) => formatProblem(file, p)) },
      });
    }
    const refusal = this.refusal(playbook, parsed.sha256);
    if (refusal === 'kept') {
      const { state } = this.get(playbook.id, playbook.version);
      return {
        added: false,
        change: { id: playbook.id, version: playbook.version, from: state, to: state },
        parsed,
      };
    }
    if (refusal) throw refusal;
    this.keep(parsed, `added from ${file}`);
    mkdirSync(this.options.userDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(this.options.userDir, `${playbook.id}.yaml`), parsed.text, { mode: 0o600 });
    return {
      added: true,
      change: { id: playbook.id, version: playbook.version, from: null, to: INITIAL_USER_STATE },
      parsed,
    };
  }

  /** Moves a version (the current one unless given) to a new lifecycle state, if the move is allowed. */
  setState(
    id: string,
    to: PlaybookState,
    options: { version?: string; reason?: string } = {},
  ): PlaybookStateChange {
    const { playbook, state: from } = this.get(id, options.version);
    const version = playbook.playbook.version;
    if (from === to) return { id, version, from, to };
    if (!canTransition(from, to)) {
      const allowed = PLAYBOOK_TRANSITIONS[from];
      throw new UserError(
        'playbook-transition-invalid',
        `Playbook '${id}' ${version} cannot move from ${from} to ${to}`,
        {
          hint:
            allowed.length > 0
              ? `From ${from} it can move to: ${allowed.join(', ')}`
              : `${from} is final; add a new version to bring the playbook back`,
        },
      );
    }
    const at = new Date(this.options.clock.now()).toISOString();
    this.options.db
      .transaction(() => {
        this.table.setState(id, version, to, at);
        this.options.record({
          kind: 'playbook-state-changed',
          data: { playbookId: id, version, from, to, ...(options.reason ? { reason: options.reason } : {}) },
        });
      })
      .immediate();
    return { id, version, from, to };
  }

  /** Why a version may not enter: `'kept'` when exactly it is already kept, an error, or undefined. */
  private refusal(playbook: Playbook, sha256: string): UserError | 'kept' | undefined {
    if (this.builtins.some((b) => b.playbook.id === playbook.id)) {
      return new UserError('playbook-id-builtin', `'${playbook.id}' is the id of a built-in playbook`, {
        hint: 'Give your playbook its own id (for example with your team as a prefix: acme.stop-web)',
      });
    }
    const kept = this.table.versions(playbook.id);
    const same = kept.find((v) => v.version === playbook.version);
    if (same) {
      if (same.sha256 === sha256) return 'kept';
      return new UserError(
        'playbook-version-exists',
        `'${playbook.id}' ${playbook.version} is already kept with different content`,
        {
          hint: `A changed playbook needs a higher version than ${kept.at(-1)?.version ?? playbook.version}`,
        },
      );
    }
    const latest = kept.at(-1);
    if (latest && compareSemver(playbook.version, latest.version) < 0) {
      return new UserError(
        'playbook-version-not-higher',
        `'${playbook.id}' ${playbook.version} is lower than the kept ${latest.version}`,
        { hint: `Versions only go up: use a version above ${latest.version}` },
      );
    }
    return undefined;
  }

  private keep(parsed: ParsedPlaybook, how: string): void {
    const playbook = parsed.playbook as Playbook;
    const at = new Date(this.options.clock.now()).toISOString();
    this.options.db
      .transaction(() => {
        this.table.addVersion({
          id: playbook.id,
          version: playbook.version,
          source: 'user',
          sha256: parsed.sha256,
          document: parsed.text,
          addedAt: at,
        });
        this.table.setState(playbook.id, playbook.version, INITIAL_USER_STATE, at);
        this.options.record({
          kind: 'playbook-added',
          data: {
            playbookId: playbook.id,
            version: playbook.version,
            sha256: parsed.sha256,
            source: 'user',
            state: INITIAL_USER_STATE,
            how,
          },
        });
      })
      .immediate();
  }

  private builtinEntry(b: LoadedPlaybook, states: ReadonlyMap<string, PlaybookState>): PlaybookEntry {
    const { id, version } = b.playbook;
    const state = states.get(stateKey(id, version)) ?? b.playbook.state;
    return { id, source: 'builtin', current: b, state, versions: [{ version, state, sha256: b.sha256 }] };
  }

  private userEntry(
    versions: readonly StoredPlaybookVersion[],
    states: ReadonlyMap<string, PlaybookState>,
  ): PlaybookEntry {
    const latest = versions.at(-1) as StoredPlaybookVersion;
    const infos = versions.map((v) => ({
      version: v.version,
      state: states.get(stateKey(v.id, v.version)) ?? INITIAL_USER_STATE,
      addedAt: v.addedAt,
      sha256: v.sha256,
    }));
    return {
      id: latest.id,
      source: 'user',
      current: loadStored(latest),
      state: (infos.at(-1) as PlaybookVersionInfo).state,
      versions: infos,
    };
  }
}

/**
 * A kept version, parsed again from its stored text. It validated when it was added; if a later
 * Escher no longer accepts it (an operation was renamed), it fails plainly with the first problem.
 */
function loadStored(v: StoredPlaybookVersion): LoadedPlaybook {
  const file = `store:${v.id}@${v.version}`;
  const parsed = parsePlaybook(v.document, file);
  if (!parsed.playbook) {
    throw new UserError(
      'playbook-version-invalid',
      `Kept playbook ${v.id} ${v.version} no longer validates`,
      {
        hint: parsed.problems[0] ? formatProblem(file, parsed.problems[0]) : 'Add a fixed, higher version',
      },
    );
  }
  return { playbook: parsed.playbook, source: 'user', text: v.document, sha256: v.sha256, file };
}
