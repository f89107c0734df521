import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { staticKeySource, Store, systemClock } from './src/store/index.ts';
import { groupByScope, syntheticEstate } from './src/store/testing/index.ts';
const proto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
const times = new Map<string, [number, number]>();
for (const m of ['run', 'all', 'get']) { const orig = proto[m]; proto[m] = function (this: { source: string }, ...a: unknown[]) { const c = process.cpuUsage(); const r = orig.apply(this, a); const u = process.cpuUsage(c); const k = m + ' ' + this.source.replace(/\s+/g, ' ').slice(0, 60); const e = times.get(k) ?? [0, 0]; e[0] += (u.user + u.system) / 1000; e[1]++; times.set(k, e); return r; }; }
const N = 100000;
const store = new Store({ path: join(mkdtempSync(join(tmpdir(), 'p-')), 's.db'), keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }), clock: systemClock });
await store.open();
const db = (store as any).state.db; if (process.env.AM) db.exec("INSERT INTO resources_fts(resources_fts, rank) VALUES('automerge', " + process.env.AM + ")"); if (process.env.CKPT) db.pragma('wal_autocheckpoint=' + process.env.CKPT);
const scopes = groupByScope(syntheticEstate({ count: N }));
const c0 = process.cpuUsage();
const id = store.beginSync(); for (const s of scopes) store.replaceScope(s.scope, s.resources, id); store.finishSync(id, { apiCalls: 0 });
const u = process.cpuUsage(c0); const total = (u.user + u.system) / 1000;
let acc = 0;
for (const [k, [t, n]] of [...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8)) { acc += t; console.log(t.toFixed(0).padStart(6), 'ms', String(n).padStart(7), (t / n * 1000).toFixed(1).padStart(8), 'µs', k); }
console.log('total cpu', total.toFixed(0), 'in statements', acc.toFixed(0), 'rest (JS + cpuUsage overhead)', (total - acc).toFixed(0));
store.close();
