import { z } from 'zod';
import { ErrorBodySchema } from '../errors/escher.error.ts';
import { OpenApiDocumentSchema } from '../daemon/daemon-dto.schema.ts';
import type { OpenApiDocument } from '../daemon/daemon-openapi.ts';
import { IntentSchema } from '../intent.ts';
import { UiComponentSchema } from '../ui/ui-component.schema.ts';
import {
  AskRequestSchema,
  AskResponseSchema,
  AskStreamMessageSchema,
  ContextSummarySchema,
  PlaybookBriefSchema,
  ServerHealthSchema,
} from './ask.schema.ts';
import { SERVER_OPERATIONS } from './server-operations.ts';

const COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  AskRequest: AskRequestSchema,
  AskResponse: AskResponseSchema,
  AskStreamMessage: AskStreamMessageSchema,
  ContextSummary: ContextSummarySchema,
  PlaybookBrief: PlaybookBriefSchema,
  Intent: IntentSchema,
  UiComponent: UiComponentSchema,
  ServerHealth: ServerHealthSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  ErrorBody: ErrorBodySchema,
};

type JsonObject = Record<string, unknown>;

/**
 * The intelligence server's OpenAPI 3.1 document, generated from `SERVER_OPERATIONS` and the zod
 * schemas with zod 4's JSON Schema output, as the daemon's is; request bodies are described in
 * their input form (defaults optional), answers in their output form.
 *
 * @example
 * buildServerOpenApi({ version: '0.1.0' }).paths['/v1/ask'];
 */
export function buildServerOpenApi(options: { version: string; serverUrl?: string }): OpenApiDocument {
  const schemas: JsonObject = {};
  for (const io of ['input', 'output'] as const) {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
    const generated = z.toJSONSchema(registry, {
      io,
      uri: (id) => `#/components/schemas/${id}`,
      unrepresentable: 'any',
    });
    for (const [id, schema] of Object.entries(generated.schemas)) {
      if (io === 'input' && id !== 'AskRequest' && id !== 'ContextSummary' && id !== 'PlaybookBrief')
        continue;
      if (io === 'output' && (id === 'AskRequest' || id === 'ContextSummary' || id === 'PlaybookBrief'))
        continue;
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
      schemas[id] = rest;
    }
  }
  const idOf = new Map<z.ZodType, string>(Object.entries(COMPONENTS).map(([id, s]) => [s, id]));
  const ref = (schema: z.ZodType): JsonObject => ({
    $ref: `#/components/schemas/${idOf.get(schema) ?? 'ErrorBody'}`,
  });
  const paths: Record<string, JsonObject> = {};
  for (const [operationId, op] of Object.entries(SERVER_OPERATIONS)) {
    const responses: JsonObject = {};
    for (const [status, schema] of Object.entries<z.ZodType>(op.responses)) {
      responses[status] = { description: 'OK', content: { 'application/json': { schema: ref(schema) } } };
    }
    responses['default'] = {
      description: 'Error: 400 invalid JSON or request, 401 key, 404, 413 body too large, 429 rate limit',
      content: { 'application/json': { schema: ref(ErrorBodySchema) } },
    };
    paths[op.path] = {
      [op.method]: {
        operationId,
        summary: op.summary,
        ...('description' in op ? { description: op.description } : {}),
        ...(op.path === '/v1/ask' ? {} : { security: [] }),
        ...('body' in op
          ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Escher intelligence server',
      version: options.version,
      description:
        'Stateless agents: natural language to intent, ranked playbooks, steps, findings and a ' +
        'server-driven component tree. Send `Authorization: Bearer <key>`; keys are per tenant.',
    },
    servers: [{ url: options.serverUrl ?? 'http://127.0.0.1:7444' }],
    security: [{ bearerAuth: [] }],
    paths,
    'x-websocket': {
      '/v1/ask/stream': {
        description:
          'Send one AskRequest as a text frame; receive AskStreamMessage frames: text chunks, then ' +
          'components, then digest (≤ 300 bytes), then result; the server then closes (1000).',
        message: { $ref: '#/components/schemas/AskStreamMessage' },
      },
    },
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A tenant API key' } },
    },
  };
}
