import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const blob = 'x'.repeat(900);
for (const rep of [1, 2]) for (const cipher of ['none', 'chacha20', 'aegis', 'aes256cbc', 'sqlcipher', 'ascon128']) {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'c-')), 'x.db'));
  try {
    if (cipher !== 'none') { db.pragma(`cipher='${cipher}'`); db.key(Buffer.from(`x'${'ab'.repeat(32)}'`)); }
    db.pragma('page_size=8192'); db.pragma('journal_mode=WAL'); db.pragma('synchronous=NORMAL');
    db.exec('create table t(a integer primary key, b text)');
    const ins = db.prepare('insert into t(b) values (?)');
    const c0 = process.cpuUsage();
    for (let k = 0; k < 100; k++) db.transaction(() => { for (let i = 0; i < 1000; i++) ins.run(blob + i); })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const u = process.cpuUsage(c0);
    console.log(rep, cipher.padEnd(10), 'cpu ms', ((u.user + u.system) / 1000).toFixed(0), db.pragma('cipher', { simple: true }));
  } catch (e) { console.log(cipher, 'error', (e as Error).message); }
  db.close();
}
