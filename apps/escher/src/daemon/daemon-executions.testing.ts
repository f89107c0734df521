import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaybookState } from '@escher/protocol';
import { openAccountSecrets } from '../cli/accounts-file.ts';
import type { EscherHome } from '../cli/escher-home.ts';
import { PlaybookCatalog } from '../playbooks/index.ts';
import type { Store } from '../store/index.ts';
import { systemClock } from '../store/index.ts';
import type { DaemonOptions } from './create-daemon.ts';

/** A fixture file of the daemon tests. */
export function daemonFixture(name: string): string {
  return new URL(`./fixtures/${name}`, import.meta.url).pathname;
}

/** The fake `aws` on a private PATH, and what it recorded. */
export interface FakeAws {
  /** The directory holding `aws` (and `marks.log`). */
  bin: string;
  /** The environment command steps get: PATH starts with `bin`. */
  env: NonNullable<DaemonOptions['env']>;
  /** Every call of the fake `aws`, one line each: `<command> <args…> <pid>`. */
  marks(): string[];
}

/** Installs fixtures/fake-aws.cjs as `aws` in `dir/bin`. */
export function installDaemonFakeAws(dir: string): FakeAws {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  copyFileSync(daemonFixture('fake-aws.cjs'), join(bin, 'aws'));
  chmodSync(join(bin, 'aws'), 0o755);
  const marksFile = join(bin, 'marks.log');
  return {
    bin,
    env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    marks: () => (existsSync(marksFile) ? readFileSync(marksFile, 'utf8').split('\n').filter(Boolean) : []),
  };
}

/** Adds the daemon's fixture playbooks to a home's catalog and moves them to `state`. */
export async function addDaemonPlaybooks(
  home: EscherHome,
  store: Store,
  files: readonly string[] = ['daemon-mark.yaml', 'daemon-block.yaml'],
  state: PlaybookState = 'ready',
): Promise<void> {
  const secrets = await openAccountSecrets(home, store);
  const catalog = new PlaybookCatalog({
    db: store.database(),
    record: (event) => secrets.ledger.append(event),
    clock: systemClock,
    userDir: join(home.dir, 'playbooks'),
  });
  for (const file of files) {
    const { change } = catalog.add(daemonFixture(file));
    const path: PlaybookState[] = state === 'ready' ? ['review', 'testing', 'ready'] : ['review', 'testing'];
    for (const to of path) catalog.setState(change.id, to);
  }
}
