import type { Command } from 'commander';
import { LEDGER_ENTRY_KINDS, UserError, type LedgerEntry } from '@escher/protocol';
import { withAccountSecrets } from '../accounts-file.ts';
import { printJson, printLines, type CliIo } from '../cli-io.ts';

/** Exit code of `escher audit verify` when the ledger fails verification (1–3 are taken). */
export const AUDIT_VERIFY_FAILED_EXIT = 4;

/** `escher audit list|verify`: the signed audit ledger. */
export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the signed, hash-chained audit ledger');

  audit
    .command('list')
    .description('show ledger entries, newest last')
    .option('--limit <n>', 'how many of the newest entries', '50')
    .option('--kind <kind>', `only this kind (${LEDGER_ENTRY_KINDS.join(', ')})`)
    .option('--json', 'machine output')
    .action(async (options: { limit: string; kind?: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new UserError(
          'limit-invalid',
          `--limit must be a positive whole number, not '${options.limit}'`,
          {
            hint: 'For example: escher audit list --limit 20',
          },
        );
      }
      if (options.kind !== undefined && !(LEDGER_ENTRY_KINDS as readonly string[]).includes(options.kind)) {
        throw new UserError('ledger-kind-invalid', `Unknown ledger entry kind '${options.kind}'`, {
          hint: `Use one of: ${LEDGER_ENTRY_KINDS.join(', ')}`,
        });
      }
      const entries = await withAccountSecrets(io, ({ ledger }) =>
        ledger.list({ limit, ...(options.kind ? { kind: options.kind } : {}) }),
      );
      if (options.json) printJson(io, { count: entries.length, entries });
      else if (entries.length === 0) printLines(io, ['The audit ledger is empty.']);
      else printLines(io, entries.map(formatEntry));
    });

  audit
    .command('verify')
    .description('check every hash, link and signature; name the first bad entry')
    .option('--anchor <seq:hash>', 'also require entry SEQ to have HASH (a head you kept elsewhere)')
    .option('--json', 'machine output')
    .action(async (options: { anchor?: string; json?: boolean }) => {
      const anchor = options.anchor === undefined ? undefined : parseAnchor(options.anchor);
      const result = await withAccountSecrets(io, ({ ledger }) => ledger.verify(anchor ? { anchor } : {}));
      if (options.json) printJson(io, result);
      else if (result.ok)
        printLines(io, [
          result.head
            ? `The audit ledger verifies: ${result.entries} entries, signed by ${result.keyId}.`
            : 'The audit ledger is empty: nothing to verify.',
          ...(result.head
            ? [`Head: ${result.head.seq}:${result.head.hash} (keep it elsewhere; check later with --anchor)`]
            : []),
        ]);
      if (!result.ok && result.firstBad) {
        io.stderr.write(
          `escher: the audit ledger fails verification at entry ${result.firstBad.seq} (${result.firstBad.code}): ${result.firstBad.reason}\n`,
        );
        process.exitCode = AUDIT_VERIFY_FAILED_EXIT;
      }
    });
}

/** One line per entry: sequence, time, kind, actor and the entry's data in short. */
function formatEntry(entry: LedgerEntry): string {
  const data = Object.entries(entry.data)
    .filter(([key]) => key !== 'publicKey')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${String(entry.seq).padStart(5)}  ${entry.at}  ${entry.kind.padEnd(19)}  ${entry.actor}  ${data}`;
}

function parseAnchor(text: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) {
    throw new UserError('anchor-invalid', `--anchor must be SEQ:HASH, not '${text}'`, {
      hint: 'Use the Head line that `escher audit verify` printed, e.g. --anchor 42:9f86d0…',
    });
  }
  return { seq: Number(match[1]), hash: match[2] as string };
}
