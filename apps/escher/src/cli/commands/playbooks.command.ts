import { join } from 'node:path';
import type { Command } from 'commander';
import {
  ACTIONS,
  CLOUDS,
  PLAYBOOK_STATES,
  PlaybookStateSchema,
  RESOURCE_TYPES,
  UserError,
  type PlaybookDetail,
  type PlaybookValidation,
} from '@escher/protocol';
import { systemClock } from '../../store/index.ts';
import {
  formatProblem,
  PlaybookCatalog,
  readPlaybookFile,
  renderPlaybook,
  renderPlaybookTable,
  searchPlaybooks,
  toSummary,
  toValidation,
  type PlaybookEntry,
} from '../../playbooks/index.ts';
import { withAccountSecrets, type AccountSecrets } from '../accounts-file.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

interface ListOptions {
  all?: boolean;
  source?: string;
  cloud?: string;
  type?: string;
  action?: string;
  search?: string;
  json?: boolean;
}

/** `escher playbooks list|show|add|validate|set-state`: the playbook library (SPEC sections 5 and 7). */
export function registerPlaybooks(program: Command, io: CliIo): void {
  const playbooks = program.command('playbooks').description('the playbook library: built-in and your own');

  playbooks
    .command('list')
    .description('list playbooks (built-in and yours in $ESCHER_HOME/playbooks)')
    .option('--search <query>', 'rank by relevance to words ("power off vms")')
    .option('--source <source>', 'builtin or user')
    .option('--cloud <cloud>', `only those for a cloud (${CLOUDS.join(', ')})`)
    .option('--type <type>', 'only those for a resource type (compute.instance, …)')
    .option('--action <action>', 'only those for an action (stop, tag, …)')
    .option('--all', 'include deleted playbooks')
    .option('--json', 'machine output')
    .action(async (options: ListOptions) => {
      checkChoice('--source', options.source, ['builtin', 'user']);
      checkChoice('--cloud', options.cloud, CLOUDS);
      checkChoice('--type', options.type, RESOURCE_TYPES);
      checkChoice('--action', options.action, ACTIONS);
      const summaries = await withCatalog(io, (catalog) => {
        const entries = catalog.list({ all: options.all === true }).filter((e) => matches(e, options));
        if (options.search === undefined) return entries.map((e) => toSummary(e));
        return searchPlaybooks(entries, (e) => e.current.playbook, options.search).map((hit) =>
          toSummary(hit.item, hit.score),
        );
      });
      if (options.json) printJson(io, { count: summaries.length, playbooks: summaries });
      else if (summaries.length === 0) printLines(io, ['No playbooks match.']);
      else printLines(io, renderPlaybookTable(summaries));
    });

  playbooks
    .command('show <id>')
    .description('show a playbook: what it applies to, its parameters, steps and versions')
    .option('--version <version>', 'an older kept version')
    .option('--yaml', 'print the YAML document as kept')
    .option('--json', 'machine output')
    .action(async (id: string, options: { version?: string; yaml?: boolean; json?: boolean }) => {
      const { detail, text } = await withCatalog(io, (catalog) => {
        const found = catalog.get(id, options.version);
        const detail: PlaybookDetail = {
          source: found.entry.source,
          state: found.state,
          sha256: found.playbook.sha256,
          versions: found.entry.versions,
          playbook: found.playbook.playbook,
        };
        return { detail, text: found.playbook.text };
      });
      if (options.json) printJson(io, detail);
      else if (options.yaml) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      else printLines(io, renderPlaybook(detail.playbook, detail));
    });

  playbooks
    .command('add <file>')
    .description('validate a playbook file and keep it (as draft) in $ESCHER_HOME/playbooks')
    .option('--json', 'machine output')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await withCatalog(io, (catalog) => {
        try {
          return catalog.add(file);
        } catch (error) {
          // The one-line error says how many; the problems themselves go to stderr first.
          const problems = error instanceof UserError ? error.details?.['problems'] : undefined;
          if (Array.isArray(problems)) io.stderr.write(`${problems.join('\n')}\n`);
          throw error;
        }
      });
      const { id, version, to } = result.change;
      if (options.json) printJson(io, { added: result.added, ...result.change });
      else if (!result.added) printLines(io, [`${id} ${version} is already kept (${to}); nothing changed.`]);
      else {
        const said = result.parsed.playbook?.state;
        printLines(io, [
          `Added ${id} ${version} as ${to}.`,
          ...(said && said !== to ? [`(The file says ${said}; new versions always start as ${to}.)`] : []),
          `Promote it with: escher playbooks set-state ${id} review`,
        ]);
      }
    });

  playbooks
    .command('validate <files...>')
    .description('check playbook files; prints file:line:col: message for each problem')
    .option('--json', 'machine output')
    .action((files: string[], options: { json?: boolean }) => {
      const results: PlaybookValidation[] = files.map((file) => toValidation(readPlaybookFile(file)));
      const errors = results.reduce((n, r) => n + r.errors, 0);
      const warnings = results.reduce((n, r) => n + r.warnings, 0);
      if (options.json) printJson(io, { valid: errors === 0, files: results });
      else {
        printLines(io, [
          ...results.flatMap((r) => r.problems.map((p) => formatProblem(r.file, p))),
          ...results
            .filter((r) => r.valid)
            .map(
              (r) =>
                `${r.file}: ${r.id} ${r.version} is valid${r.warnings ? ` (${r.warnings} warning(s))` : ''}`,
            ),
        ]);
      }
      if (errors > 0) {
        io.stderr.write(`escher: ${errors} error(s), ${warnings} warning(s) in ${files.length} file(s)\n`);
        process.exitCode = 1;
      }
    });

  playbooks
    .command('set-state <id> <state>')
    .description(`move a playbook version along its lifecycle (${PLAYBOOK_STATES.join(', ')})`)
    .option('--version <version>', 'a version other than the current one')
    .option('--reason <text>', 'why, for the audit ledger')
    .option('--json', 'machine output')
    .action(
      async (id: string, state: string, options: { version?: string; reason?: string; json?: boolean }) => {
        const to = PlaybookStateSchema.safeParse(state);
        if (!to.success) {
          throw new UserError('playbook-state-invalid', `'${state}' is not a lifecycle state`, {
            hint: `Use one of: ${PLAYBOOK_STATES.join(', ')}`,
          });
        }
        const change = await withCatalog(io, (catalog) =>
          catalog.setState(id, to.data, {
            ...(options.version ? { version: options.version } : {}),
            ...(options.reason ? { reason: options.reason } : {}),
          }),
        );
        if (options.json) printJson(io, change);
        else if (change.from === change.to)
          printLines(io, [`${change.id} ${change.version} is already ${change.to}.`]);
        else
          printLines(io, [
            `${change.id} ${change.version}: ${change.from} → ${change.to} (recorded in the audit ledger).`,
          ]);
      },
    );
}

/** Opens the catalogue over the home's store and ledger, taking in new files of the user directory first. */
async function withCatalog<T>(
  io: CliIo,
  fn: (catalog: PlaybookCatalog, secrets: AccountSecrets) => T,
): Promise<T> {
  return withAccountSecrets(io, (secrets) => {
    const catalog = new PlaybookCatalog({
      db: secrets.store.database(),
      record: (event) => secrets.ledger.append(event),
      clock: systemClock,
      userDir: join(secrets.home.dir, 'playbooks'),
    });
    for (const notice of catalog.sync()) io.stderr.write(`escher: ${notice.message}\n`);
    return fn(catalog, secrets);
  });
}

function matches(entry: PlaybookEntry, o: ListOptions): boolean {
  const a = entry.current.playbook.applicability;
  return (
    (o.source === undefined || entry.source === o.source) &&
    (o.cloud === undefined || (a.clouds as readonly string[]).includes(o.cloud)) &&
    (o.type === undefined || (a.resourceTypes as readonly string[]).includes(o.type)) &&
    (o.action === undefined || (a.actions as readonly string[]).includes(o.action))
  );
}

function checkChoice(flag: string, value: string | undefined, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(value)) {
    throw new UserError('option-invalid', `${flag} must be one of ${choices.join(', ')}, not '${value}'`, {
      hint: `For example: escher playbooks list ${flag} ${choices[0] ?? ''}`,
    });
  }
}
