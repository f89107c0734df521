import { startLibrarySim } from './playbook-library-sim.testing.ts';
import { hasFlag } from '@escher/knowledge';
const cloud = process.argv[2] as 'aws';
const t0 = Date.now();
const env = await startLibrarySim(cloud, process.argv[3], process.argv[4]);
console.log('start+sync ms', Date.now() - t0, 'resources', env.session.store.listResources({ cloud }).length);
try {
  const out: Record<string, number> = {};
  for (const r of env.session.store.listResources({ cloud })) {
    const k = (s: string) => (out[`${r.type} ${s}`] = (out[`${r.type} ${s}`] ?? 0) + 1);
    k('all'); k(`state=${r.state}`);
    if (hasFlag(r, 'public')) k('public');
    if (hasFlag(r, 'unencrypted')) k('unencrypted');
    if (hasFlag(r, 'unattached')) k('unattached');
    if (r.attributes['customerManaged'] === true) k('customerManaged');
  }
  console.log(Object.entries(out).sort().map(([a, b]) => `${a}: ${b}`).join('\n'));
} finally { await env.stop(); }
