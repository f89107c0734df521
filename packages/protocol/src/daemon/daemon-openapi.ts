import { z } from 'zod';
import { ErrorBodySchema, UnexpectedError } from '../errors/escher.error.ts';
import { ResourceSchema } from '../resource/resource.schema.ts';
import {
  ChangeListSchema,
  DaemonStatusSchema,
  HealthSchema,
  OpenApiDocumentSchema,
  ResourceChangeSchema,
  ResourceHistorySchema,
  ResourceListSchema,
  SyncListSchema,
  SyncProgressSchema,
  SyncRecordSchema,
  SyncStartRequestSchema,
  SyncStartResponseSchema,
  SyncSummarySchema,
} from './daemon-dto.schema.ts';
import {
  ApplyResponseSchema,
  ApproveRequestSchema,
  CancelResponseSchema,
  ExecutionDetailSchema,
  ExecutionEventListSchema,
  ExecutionListSchema,
  PlanRequestSchema,
  PlanResponseSchema,
} from './daemon-executions.schema.ts';
import { DAEMON_OPERATIONS, type DaemonOperation } from './daemon-operations.ts';

/** Named schemas of `components.schemas`; every request and response body must be one of them. */
const COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  Resource: ResourceSchema,
  ResourceList: ResourceListSchema,
  ResourceChange: ResourceChangeSchema,
  ResourceHistory: ResourceHistorySchema,
  ChangeList: ChangeListSchema,
  SyncSummary: SyncSummarySchema,
  SyncProgress: SyncProgressSchema,
  SyncRecord: SyncRecordSchema,
  SyncList: SyncListSchema,
  SyncStartRequest: SyncStartRequestSchema,
  SyncStartResponse: SyncStartResponseSchema,
  Health: HealthSchema,
  DaemonStatus: DaemonStatusSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  ErrorBody: ErrorBodySchema,
  ExecutionList: ExecutionListSchema,
  ExecutionDetail: ExecutionDetailSchema,
  PlanRequest: PlanRequestSchema,
  PlanResponse: PlanResponseSchema,
  ApproveRequest: ApproveRequestSchema,
  ApplyResponse: ApplyResponseSchema,
  CancelResponse: CancelResponseSchema,
  ExecutionEventList: ExecutionEventListSchema,
};

type JsonObject = Record<string, unknown>;

/** An OpenAPI 3.1 document, as plain JSON. */
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;

/**
 * Generates the daemon's OpenAPI 3.1 document from `DAEMON_OPERATIONS` and the zod DTOs, with
 * zod 4's own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12). Why not
 * `@hono/zod-openapi`: the operations table already holds everything the document needs, the
 * CLI and UI share it without depending on a web framework, and the protocol's single zod copy
 * stays the only one.
 *
 * @example
 * const doc = buildDaemonOpenApi({ version: '0.1.0' });
 * Object.keys(doc.paths); // ['/api/v1/health', '/api/v1/status', …]
 */
export function buildDaemonOpenApi(options: {
  version: string;
  /** Where this daemon listens, e.g. `http://127.0.0.1:7433`. */
  serverUrl?: string;
  operations?: Readonly<Record<string, DaemonOperation>>;
}): OpenApiDocument {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    registry.add(schema, { id });
    idOf.set(schema, id);
  }
  const generated = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  const schemas: JsonObject = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    schemas[id] = rest;
  }
  const ref = (schema: z.ZodType, where: string): JsonObject => {
    const id = idOf.get(schema);
    if (!id) {
      throw new UnexpectedError('openapi-unnamed-schema', `${where} uses a schema with no component name`, {
        hint: 'Add it to COMPONENTS in packages/protocol/src/daemon/daemon-openapi.ts',
      });
    }
    return { $ref: `#/components/schemas/${id}` };
  };

  const paths: Record<string, JsonObject> = {};
  const operations: Readonly<Record<string, DaemonOperation>> = options.operations ?? DAEMON_OPERATIONS;
  for (const [operationId, op] of Object.entries(operations)) {
    const where = `${op.method.toUpperCase()} ${op.path}`;
    const responses: JsonObject = {};
    for (const [status, schema] of Object.entries<z.ZodType>(op.responses)) {
      responses[status] = {
        description: status === '202' ? 'Accepted' : status === '201' ? 'Created' : 'OK',
        content: { 'application/json': { schema: ref(schema, where) } },
      };
    }
    responses['default'] = {
      description:
        'Error: 400 invalid request, 401 token, 403 Host/Origin, 404, 409 conflict, 413 body too large',
      content: { 'application/json': { schema: ref(ErrorBodySchema, where) } },
    };
    const operation: JsonObject = {
      operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body
        ? {
            requestBody: {
              required: false,
              content: { 'application/json': { schema: ref(op.body, where) } },
            },
          }
        : {}),
      responses,
    };
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Escher local daemon',
      version: options.version,
      description:
        'The local API over the encrypted store. Listens on 127.0.0.1 only; every call needs ' +
        '`Authorization: Bearer <token>` with the token from `$ESCHER_HOME/daemon.token`.',
    },
    servers: [{ url: options.serverUrl ?? 'http://127.0.0.1:7433' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token in $ESCHER_HOME/daemon.token (mode 0600), created at first start',
        },
      },
    },
  };
}

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _schema, ...json } = z.toJSONSchema(field as z.ZodType, { io: 'input' }) as JsonObject;
    const list = json['type'] === 'array';
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      schema: json,
      ...(list ? { style: 'form', explode: true } : {}),
    };
  });
}
