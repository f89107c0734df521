import Database from 'better-sqlite3-multiple-ciphers';
import { syntheticEstate, groupByScope } from './src/store/testing/index.ts';
import { contentValues } from './src/store/resources/resource-row.ts';
const scopes = groupByScope(syntheticEstate({ count: 50000 }));
const ddl = 'create table r(rowid integer primary key, id text not null unique, cloud, account, region, service, type, native_type, name, state, environment, zone, created_at, cost_monthly, native_id, tags, attributes, relationships, first_seen, updated_at, removed_at); create index rs on r(cloud, account, region, service); create index rt on r(type) where removed_at is null;';
for (const rep of [1, 2]) {
  for (const mode of ['rows', 'json', 'jsonb']) {
    const db = new Database(':memory:'); db.exec(ddl);
    const ins = db.prepare('insert into r (id, cloud, account, region, service, type, native_type, name, state, environment, zone, created_at, cost_monthly, native_id, tags, attributes, relationships, first_seen, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) on conflict(id) do nothing');
    const src = mode === 'jsonb' ? 'jsonb(?)' : '?';
    const bulk = db.prepare(`insert into r (id, cloud, account, region, service, type, native_type, name, state, environment, zone, created_at, cost_monthly, native_id, tags, attributes, relationships, first_seen, updated_at)
      select value->>'id', ?, ?, ?, ?, value->>'type', value->>'nativeType', value->>'name', value->>'state', value->>'environment', value->>'zone', value->>'createdAt', value->>'costMonthly', null, json(value->'tags'), json(value->'attributes'), json(value->'relationships'), ?, ? from json_each(${src}) where true on conflict(id) do nothing`);
    const c0 = process.cpuUsage();
    for (const { scope, resources } of scopes) db.transaction(() => {
      if (mode === 'rows') for (const r of resources) ins.run(r.id, scope.cloud, scope.account, scope.region, scope.service, ...contentValues(r), 1, 1);
      else bulk.run(scope.cloud, scope.account, scope.region, scope.service, 1, 1, JSON.stringify(resources));
    })();
    const u = process.cpuUsage(c0);
    console.log(rep, mode.padEnd(6), 'µs/resource', ((u.user + u.system) / 50000).toFixed(2), db.prepare('select count(*) c from r').get());
  }
}
