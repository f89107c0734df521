import type { Plan } from '@escher/protocol';
import type { Confirmation } from '../../engine/index.ts';
import type { CliIo } from '../cli-io.ts';

/**
 * Asks on stderr and reads one line of stdin: the number of targets for a production plan,
 * yes otherwise. An empty stdin is a no.
 */
export async function ask(io: CliIo, plan: Plan): Promise<Confirmation> {
  const n = plan.targets.length;
  io.stderr.write(
    plan.production && plan.execution.production === 'requires-typed-count'
      ? `This plan changes ${n} PRODUCTION target(s). Type ${n} to approve: `
      : `Apply this plan to ${n} target(s)? [y/N] `,
  );
  return { kind: 'typed', text: await readLine() };
}

function readLine(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const stdin = process.stdin;
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.off('end', finish);
      stdin.pause();
      resolve(text.split('\n')[0] ?? '');
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) finish();
    };
    stdin.on('data', onData);
    stdin.on('end', finish);
    stdin.resume();
  });
}
