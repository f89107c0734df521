import { OpenApiDocumentSchema } from '../daemon/daemon-dto.schema.ts';
import type { DaemonOperation } from '../daemon/daemon-operations.ts';
import { AskRequestSchema, AskResponseSchema, ServerHealthSchema } from './ask.schema.ts';

/**
 * Every REST operation of the intelligence server (`/v1`), in the daemon's operation form so the
 * same validation (`parseOperationInput`) and OpenAPI generation serve both. The WebSocket
 * `/v1/ask/stream` is described in the document's `x-websocket` section.
 */
export const SERVER_OPERATIONS = {
  getHealth: {
    method: 'get',
    path: '/v1/health',
    summary: 'Liveness; needs no key',
    responses: { 200: ServerHealthSchema },
  },
  getOpenApi: {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document (OpenAPI 3.1); needs no key',
    responses: { 200: OpenApiDocumentSchema },
  },
  ask: {
    method: 'post',
    path: '/v1/ask',
    summary: 'Natural language to intent, ranked playbooks, steps, findings and a component tree',
    description:
      'The body carries the request and a secret-free summary of the estate (counts, regions, tag ' +
      'keys, names). Unknown fields anywhere are refused with 400, so raw resources cannot be sent.',
    body: AskRequestSchema,
    responses: { 200: AskResponseSchema },
  },
} as const satisfies Record<string, DaemonOperation>;

export type ServerOperations = typeof SERVER_OPERATIONS;
