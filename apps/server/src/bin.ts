import { parseArgs } from 'node:util';
import { toEscherError } from '@escher/protocol';
import { parsePort, serveFromEnv, untilSignal } from './serve.ts';
import { DEFAULT_SERVER_PORT } from './start-server.ts';

/**
 * `escher-server [--host H] [--port N] [--llm-provider P --llm-url U --llm-model M
 * --llm-timeout-ms N]`: the intelligence server alone, with no playbook
 * catalogue of its own (clients send their playbook summaries); `escher server` adds the built-in
 * library. Logs request lines to stderr; exits 1 on bad configuration.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: String(DEFAULT_SERVER_PORT) },
      'llm-provider': { type: 'string' },
      'llm-url': { type: 'string' },
      'llm-model': { type: 'string' },
      'llm-timeout-ms': { type: 'string' },
    },
  });
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  const running = await serveFromEnv({
    env: process.env,
    host: values.host,
    port: parsePort(values.port),
    llm: {
      provider: values['llm-provider'],
      url: values['llm-url'],
      model: values['llm-model'],
      timeoutMs: values['llm-timeout-ms'],
    },
    log,
  });
  log(`escher-server listening on ${running.url} (OpenAPI at ${running.url}/v1/openapi.json)`);
  log(`${await untilSignal()}: stopping`);
  await running.close();
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const e = toEscherError(error);
  console.error(`escher-server: ${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}`);
  process.exitCode = e.kind === 'user' ? 1 : 2;
}
