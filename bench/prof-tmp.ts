import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { staticKeySource, Store, systemClock } from '../apps/escher/src/store/index.ts';
import { groupByScope, syntheticEstate } from '../apps/escher/src/store/testing/index.ts';
const scopes = groupByScope(syntheticEstate({ count: 100000, seed: 42 }));
for (let i = 0; i < 2; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'ab-'));
  const store = new Store({ path: join(dir, 's.db'), keySource: staticKeySource({ kind: 'raw', bytes: randomBytes(32) }), clock: systemClock });
  await store.open();
  const id = store.beginSync();
  const c = process.cpuUsage();
  for (const { scope, resources } of scopes) store.replaceScope(scope, resources, id);
  const u = process.cpuUsage(c);
  console.log(Math.round(100000 / ((u.user + u.system) / 1e6)));
  store.close(); rmSync(dir, { recursive: true, force: true });
}
