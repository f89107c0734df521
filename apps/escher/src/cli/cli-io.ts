import type { CliEnv } from './escher-home.ts';

/** A stream the CLI writes to (process.stdout / process.stderr fit). */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything a command touches outside itself, passed in so tests and the demo can reuse it. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: CliEnv;
}

/** Prints a value as the one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints human output lines on stdout. */
export function printLines(io: CliIo, lines: readonly string[]): void {
  if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
}
