import type { Command } from 'commander';
import { printJson, printLines, type CliIo } from '../cli-io.ts';
import { initHome, resolveHome } from '../escher-home.ts';

/** `escher init`: creates `$ESCHER_HOME`, its config file and the encrypted store with its key. */
export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create $ESCHER_HOME (default ~/.escher): config, encrypted store and its key')
    .option('--json', 'machine output')
    .action(async (options: { json?: boolean }) => {
      const home = resolveHome(io.env);
      const created = await initHome(home, io.env);
      if (options.json) printJson(io, { home: home.dir, created, store: home.storeFile });
      else
        printLines(io, [
          created ? `Initialised Escher in ${home.dir}` : `Escher already initialised in ${home.dir}`,
          'Next: escher accounts add aws|azure|gcp --name NAME …',
        ]);
    });
}
