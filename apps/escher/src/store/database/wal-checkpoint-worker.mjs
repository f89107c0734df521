// The WAL checkpoint worker (see wal-checkpointer.ts): its own connection to the store, keyed
// exactly as the store's (the pragmas and key come from the parent), running a PASSIVE
// checkpoint each time it is asked. PASSIVE never waits for and never blocks the writer: it copies
// what it can and leaves the rest for the next request.
//
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader the CLI
// registers, and these few lines need nothing from the rest of the store.
import { parentPort, workerData } from 'node:worker_threads';
import { Buffer } from 'node:buffer';
import Sqlite from 'better-sqlite3-multiple-ciphers';

/** @type {{ path: string; pragmas: string[]; key: Uint8Array }} */
const { path, pragmas, key } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

let db;
try {
  db = new Sqlite(path, { fileMustExist: true });
  for (const pragma of pragmas) db.pragma(pragma);
  db.key(Buffer.from(key));
  // Reading the schema proves the key before any checkpoint touches the file.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  port.postMessage({ kind: 'ready' });
} catch (error) {
  port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  db?.close();
  port.close();
}

port.on('message', (message) => {
  if (!db) return;
  if (message === 'stop') {
    db.close();
    db = undefined;
    port.close();
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    port.postMessage({ kind: 'checkpointed', log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
