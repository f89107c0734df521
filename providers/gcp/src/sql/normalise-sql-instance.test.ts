import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveEnvironment, ResourceSchema } from '@escher/protocol';
import { loadSimRecords } from '../testing/sim-records.ts';
import { normaliseSqlInstance, sqlEngine, sqlState } from './normalise-sql-instance.ts';

const fixture = loadSimRecords(import.meta.url);

describe('Cloud SQL normaliser on simulator records', () => {
  it('public, backups, engine and state', () => {
    for (const { project, nativeId, checks, record } of fixture['sql']!) {
      const r = normaliseSqlInstance(record, project);
      assert.ok(ResourceSchema.safeParse(r).success);
      assert.equal(r.id, nativeId);
      assert.equal(r.attributes['public'], checks.includes('database.instance.public'), nativeId);
      assert.equal(r.attributes['backupEnabled'], !checks.includes('database.instance.no-backup'));
      assert.equal(r.attributes['encrypted'], true);
      assert.equal(r.attributes['engine'], 'postgres');
      assert.equal(r.environment, deriveEnvironment(r.tags, r.name));
    }
    const states = fixture['sql']!.map((e) => normaliseSqlInstance(e.record, e.project).state);
    assert.deepEqual(states.slice(0, 2), ['running', 'stopped']);
  });

  it('maps activation-policy transitions and database versions', () => {
    assert.equal(sqlState('RUNNABLE', 'NEVER'), 'stopping');
    assert.equal(sqlState('STOPPED', 'ALWAYS'), 'starting');
    assert.equal(sqlState('FAILED', 'ALWAYS'), 'failed');
    assert.deepEqual(sqlEngine('MYSQL_8_0'), { engine: 'mysql', engineVersion: '8.0' });
    assert.deepEqual(sqlEngine('SQLSERVER_2019_STANDARD'), { engine: 'sqlserver', engineVersion: '2019' });
    assert.deepEqual(sqlEngine('POSTGRES_15'), { engine: 'postgres', engineVersion: '15' });
  });
});
