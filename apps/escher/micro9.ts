import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const p = join(mkdtempSync(join(tmpdir(), 'a-')), 'x.db');
let db = new Database(p);
db.pragma("cipher='aegis'");
for (const k of ['algorithm', 'tcost', 'mcost', 'pcost']) { try { console.log(k, db.pragma(k, { simple: true })); } catch (e) { console.log(k, (e as Error).message); } }
let t = performance.now();
db.key(Buffer.from('correct horse'));
db.exec("create table t(a); insert into t values ('CANARY-AEGIS-123')");
console.log('passphrase create ms', (performance.now() - t).toFixed(0));
db.close();
console.log('plaintext?', readFileSync(p).includes('CANARY-AEGIS'), readFileSync(p).subarray(0, 16).toString('latin1'));
db = new Database(p); db.pragma("cipher='aegis'"); t = performance.now(); db.key(Buffer.from('correct horse')); console.log(db.prepare('select * from t').get(), 'open ms', (performance.now() - t).toFixed(0)); db.close();
db = new Database(p); db.pragma("cipher='aegis'"); db.key(Buffer.from('wrong')); try { db.prepare('select * from t').get(); } catch (e) { console.log('wrong:', (e as { code: string }).code); } db.close();
// chacha20 store opened as aegis?
