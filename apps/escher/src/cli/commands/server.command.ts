import type { Command } from 'commander';
import { toPlaybookBrief } from '@escher/protocol';
import { DEFAULT_SERVER_PORT, parsePort, serveFromEnv, untilSignal } from '@escher/server';
import type { CliIo } from '../cli-io.ts';
import { builtinPlaybooks } from '../../playbooks/playbook-library.ts';

interface ServerCommandOptions {
  host: string;
  port: string;
  llmProvider?: string;
  llmUrl?: string;
  llmModel?: string;
  llmTimeoutMs?: string;
}

/**
 * `escher server [--host H] [--port N]`: the stateless intelligence server in the foreground
 * (docs/server.md), with the built-in playbook library as its global catalogue. Keys come from
 * ESCHER_SERVER_KEYS; the optional model from ESCHER_LLM_* or --llm-* (docs/llm.md); it opens no
 * store and writes nothing to disk.
 */
export function registerServer(program: Command, io: CliIo): void {
  program
    .command('server')
    .description('run the stateless intelligence server (keys in ESCHER_SERVER_KEYS)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', String(DEFAULT_SERVER_PORT))
    .option('--llm-provider <p>', 'optional model: openai-compatible or anthropic (ESCHER_LLM_PROVIDER)')
    .option('--llm-url <url>', 'model API base URL, e.g. http://127.0.0.1:11434/v1 (ESCHER_LLM_URL)')
    .option('--llm-model <name>', 'model name (ESCHER_LLM_MODEL); the key only from ESCHER_LLM_API_KEY')
    .option(
      '--llm-timeout-ms <n>',
      'wait this long for the model, then use the parser (ESCHER_LLM_TIMEOUT_MS)',
    )
    .action(async (options: ServerCommandOptions) => {
      const log = (line: string): void => {
        io.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const catalog = builtinPlaybooks().map(({ playbook }) => ({
        summary: toPlaybookBrief(playbook),
        source: 'global' as const,
      }));
      const running = await serveFromEnv({
        env: io.env,
        host: options.host,
        port: parsePort(options.port),
        catalog,
        llm: {
          provider: options.llmProvider,
          url: options.llmUrl,
          model: options.llmModel,
          timeoutMs: options.llmTimeoutMs,
        },
        log,
      });
      log(
        `escher server listening on ${running.url} with ${catalog.length} playbooks (OpenAPI: ${running.url}/v1/openapi.json)`,
      );
      log(`${await untilSignal()}: stopping`);
      await running.close();
    });
}
