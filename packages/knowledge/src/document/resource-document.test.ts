import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { ESTATE, PROD_POSTGRES, resource } from '../testing/resources.testing.ts';
import { DOCUMENT_FIELDS, DOCUMENT_FIELD_WEIGHTS, MAX_TAGS_FIELD_CHARS } from './document-fields.ts';
import { documentText, resourceDocument, resourceSummary } from './resource-document.ts';

const [rds, flexible, cloudSql] = PROD_POSTGRES as [
  (typeof PROD_POSTGRES)[0],
  (typeof PROD_POSTGRES)[0],
  (typeof PROD_POSTGRES)[0],
];
const has = (text: string, ...words: string[]) => {
  const tokens = new Set(analyze(text));
  for (const word of words)
    for (const token of analyze(word)) assert.ok(tokens.has(token), `"${word}" in: ${text}`);
};

describe('resource documents', () => {
  it('has every field, each with a weight', () => {
    for (const r of ESTATE) {
      const doc = resourceDocument(r);
      assert.equal(doc.id, r.id);
      assert.deepEqual(Object.keys(doc.fields).sort(), [...DOCUMENT_FIELDS].sort());
    }
    for (const field of DOCUMENT_FIELDS) assert.ok(DOCUMENT_FIELD_WEIGHTS[field] > 0);
  });

  it('splits names into words', () => {
    assert.equal(
      resourceDocument(resource({ id: 'x', name: 'paymentsApi-prod_db.01' })).fields.name,
      'payments api prod db 01',
    );
  });

  it('carries every synonym of the type, the own cloud service names and the native type', () => {
    for (const r of PROD_POSTGRES)
      has(resourceDocument(r).fields.type, 'database', 'db', 'relational database', 'sql');
    has(
      resourceDocument(rds).fields.service,
      'RDS',
      'Relational Database Service',
      'Aurora',
      'AWS::RDS::DBInstance',
    );
    has(resourceDocument(flexible).fields.service, 'Azure Database for PostgreSQL', 'flexible server');
    has(resourceDocument(cloudSql).fields.service, 'Cloud SQL');
    // Other clouds' names reach it only through the low-weight related field.
    has(resourceDocument(cloudSql).fields.related, 'RDS', 'Azure SQL');
    assert.ok(!analyze(resourceDocument(cloudSql).fields.service).includes('rds'));
  });

  it('carries engine synonyms and versions', () => {
    has(resourceDocument(cloudSql).fields.engine, 'postgres', 'postgresql', 'pg', 'POSTGRES_15', '15');
  });

  it('names regions by code, display name, city and geography', () => {
    has(
      resourceDocument(rds).fields.region,
      'us-east-1',
      'N. Virginia',
      'Virginia',
      'US East',
      'United States',
    );
    has(
      resourceDocument(flexible).fields.region,
      'germanywestcentral',
      'Germany West Central',
      'Frankfurt',
      'Europe',
    );
    has(resourceDocument(cloudSql).fields.region, 'europe-west3', 'europe-west3-a', 'Frankfurt', 'Germany');
    assert.equal(
      resourceDocument(resource({ id: 'x', region: 'mars-north-1' })).fields.region,
      'mars-north-1',
    );
  });

  it('carries environment, cloud and state synonyms', () => {
    const doc = resourceDocument(cloudSql);
    has(doc.fields.environment, 'prod', 'production', 'prd', 'live');
    has(doc.fields.cloud, 'gcp', 'google', 'google cloud');
    has(doc.fields.state, 'stopped', 'halted');
    assert.equal(resourceDocument(resource({ id: 'x' })).fields.environment, '');
  });

  it('writes tags as key value and caps enormous values', () => {
    has(resourceDocument(rds).fields.tags, 'environment production', 'team payments', 'owner alice');
    const huge = resource({
      id: 'h',
      tags: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v'.repeat(10_000)])),
    });
    const tags = resourceDocument(huge).fields.tags;
    assert.ok(tags.length <= MAX_TAGS_FIELD_CHARS, `${tags.length}`);
    assert.ok(tags.startsWith('k0 v'));
  });

  it('writes key attributes as words', () => {
    has(
      resourceDocument(flexible).fields.attributes,
      'public',
      'exposed',
      'internet-facing',
      'encrypted',
      'Standard_D2ds_v4',
    );
    const volume = ESTATE.find((r) => r.name === 'vol-0orphan')!;
    has(resourceDocument(volume).fields.attributes, 'unencrypted', 'unattached', 'orphaned');
    const sg = resource({ id: 'sg', type: 'network.firewall', attributes: { openSsh: true } });
    has(resourceDocument(sg).fields.attributes, 'open-ssh', 'ssh', '22', 'public');
  });

  it('joins fields for single-field indexes and summarises for embeddings', () => {
    const text = documentText(resourceDocument(rds));
    has(text, 'payments', 'rds', 'postgres', 'virginia', 'production');
    assert.equal(
      resourceSummary(rds),
      'payments-db: database instance (AWS RDS, postgres 15.4) in us-east-1 (US East (N. Virginia)), prod, running. Tags: Environment=Production, team=payments, owner=alice. Private, encrypted.',
    );
  });

  it('is deterministic', () => {
    for (const r of ESTATE) assert.deepEqual(resourceDocument(r), resourceDocument(structuredClone(r)));
  });
});
