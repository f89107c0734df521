import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnexpectedError, UserError, type Playbook, type PlaybookSource } from '@escher/protocol';
import { formatProblem, parsePlaybook, type ParsedPlaybook } from './parse-playbook.ts';

/** A playbook document that validated, with the text it came from. */
export interface LoadedPlaybook {
  playbook: Playbook;
  source: PlaybookSource;
  /** The YAML as read. */
  text: string;
  sha256: string;
  /** Where it was read from (a library file, a user file, or `store:ID@VERSION`). */
  file: string;
}

/** The built-in library shipped with Escher: one YAML file per playbook. */
export const BUILTIN_LIBRARY_DIR = fileURLToPath(new URL('./library/', import.meta.url));

/** The YAML files of a directory, in name order (`.yaml` and `.yml`; nothing else is read). */
export function playbookFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Reads and checks one playbook file; a file that cannot be read is the user's to fix. */
export function readPlaybookFile(file: string): ParsedPlaybook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UserError('file-unreadable', `Cannot read ${file} (${code})`, {
      hint: code === 'ENOENT' ? 'Check the path' : 'Check the file and its permissions',
      cause: error,
    });
  }
  return parsePlaybook(text, file);
}

let builtins: LoadedPlaybook[] | undefined;

/**
 * The built-in playbooks, read once per process. A built-in that does not validate is a bug in
 * Escher, not in the user's setup, so it fails loudly with every problem.
 */
export function builtinPlaybooks(): readonly LoadedPlaybook[] {
  if (!builtins) {
    const loaded: LoadedPlaybook[] = [];
    for (const file of playbookFiles(BUILTIN_LIBRARY_DIR)) {
      const parsed = readPlaybookFile(file);
      if (!parsed.playbook) {
        throw new UnexpectedError(
          'builtin-playbook-invalid',
          `The built-in playbook ${file} is invalid:\n${parsed.problems.map((p) => formatProblem(file, p)).join('\n')}`,
        );
      }
      loaded.push({
        playbook: parsed.playbook,
        source: 'builtin',
        text: parsed.text,
        sha256: parsed.sha256,
        file,
      });
    }
    builtins = loaded.sort((a, b) => a.playbook.id.localeCompare(b.playbook.id));
  }
  return builtins;
}
