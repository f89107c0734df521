import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake model received, as it came over the wire. */
export interface RecordedModelCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * What the fake answers: the assistant's text (the model's JSON, or anything else), an HTTP
 * error, or nothing at all (the connection stays open until the test closes the server).
 */
export type FakeModelReply = { text: string } | { status: number } | 'never';

export interface FakeModelServer {
  /** `http://127.0.0.1:PORT/v1`, the base URL both SDK providers take. */
  url: string;
  calls: RecordedModelCall[];
  /** Called with each request as it arrives (a test ends its deadline here instead of sleeping). */
  onRequest?: (call: RecordedModelCall) => void;
  reply: FakeModelReply;
  close(): Promise<void>;
}

/**
 * A stand-in for an external model service on a real port, speaking the two wire formats the
 * AI SDK providers use: OpenAI chat completions (`POST /v1/chat/completions`: Ollama, vLLM,
 * llama.cpp) and Anthropic messages (`POST /v1/messages`, where structured output may come back
 * as a forced `json` tool call). It records every request so tests can see what left the server.
 */
export async function startFakeModelServer(reply: FakeModelReply): Promise<FakeModelServer> {
  const open = new Set<ServerResponse>();
  const fake: FakeModelServer = {
    url: '',
    calls: [],
    reply,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const call = { path: req.url ?? '/', headers: req.headers, body };
      fake.calls.push(call);
      fake.onRequest?.(call);
      const answer = fake.reply;
      if (answer === 'never') {
        open.add(res);
        return;
      }
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(call.path.endsWith('/messages') ? anthropic(body, answer.text) : openAi(answer.text)),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
  return fake;
}

function openAi(text: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_763_726_400,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function anthropic(requestBody: string, text: string): unknown {
  const tool = (JSON.parse(requestBody) as { tools?: { name: string }[] }).tools?.[0];
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    input = undefined;
  }
  // Older models get the schema as a forced tool; its input is the object (or, if the canned text
  // is not JSON, the model "wrote" text instead of calling it).
  const content =
    tool && input !== undefined
      ? [{ type: 'tool_use', id: 'toolu_fake', name: tool.name, input }]
      : [{ type: 'text', text }];
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: 'fake',
    content,
    stop_reason: content[0]?.type === 'tool_use' ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
}
