import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalIntent, IntentSchema } from '../intent.ts';
import { AskRequestSchema, ContextSummarySchema } from './ask.schema.ts';
import { buildServerOpenApi } from './server-openapi.ts';

describe('AskRequestSchema', () => {
  const context = { resourceCount: 2, types: { 'compute.instance': 2 }, regions: { 'us-east-1': 2 } };

  it('takes a request with a summary and fills defaults', () => {
    const parsed = AskRequestSchema.parse({ request: ' stop vms ', context });
    assert.equal(parsed.request, 'stop vms');
    assert.deepEqual(parsed.context.tagKeys, []);
    assert.deepEqual(parsed.playbooks, []);
  });

  it('refuses anything that is not a summary: unknown fields, unknown types, tag values, ids as regions', () => {
    const bad = [
      { ...context, resources: [] },
      { ...context, types: { 'compute.instance': 1, 'aws.ec2': 1 } },
      { ...context, tagKeys: { env: 'prod' } },
      { ...context, regions: { 'arn:aws:ec2:us-east-1:123:instance/i-1': 1 } },
      { ...context, secrets: { token: 'x' } },
    ];
    for (const c of bad) assert.ok(!ContextSummarySchema.safeParse(c).success, JSON.stringify(c));
    assert.ok(!AskRequestSchema.safeParse({ request: 'x', context, credentials: {} }).success);
    assert.ok(!AskRequestSchema.safeParse({ request: '   ', context }).success);
  });
});

describe('IntentSchema', () => {
  it('reads a parser answer, dropping its extra fields; absent slots may be missing or null', () => {
    const intent = IntentSchema.parse({ action: 'stop', resourceType: 'compute.instance', confidence: 0.8 });
    assert.equal(intent.cloud ?? null, null);
    assert.equal(IntentSchema.parse({ action: 'stop', cloud: null }).cloud, null);
    assert.equal(canonicalIntent(intent).region, null);
    assert.deepEqual(intent.tags, {});
    assert.ok(!('confidence' in intent));
  });
});

describe('buildServerOpenApi', () => {
  it('documents /v1/ask with its request body and the WebSocket stream', () => {
    type Post = { post: { requestBody: { content: Record<string, { schema: unknown }> } } };
    const doc = buildServerOpenApi({ version: '0.1.0' }) as Record<string, unknown> & {
      paths: Record<string, Post>;
    };
    assert.deepEqual(doc.paths['/v1/ask']!.post.requestBody.content['application/json']!.schema, {
      $ref: '#/components/schemas/AskRequest',
    });
    assert.ok((doc['x-websocket'] as Record<string, unknown>)['/v1/ask/stream']);
  });
});
