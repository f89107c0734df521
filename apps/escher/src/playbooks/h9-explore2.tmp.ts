import { startLibrarySim, readBack } from './playbook-library-sim.testing.ts';
import { hasFlag } from '@escher/knowledge';
const [cloud, type, name, opId] = process.argv.slice(2) as [any, any, string, string];
const env = await startLibrarySim(cloud);
try {
  const t = env.session.store.listResources({ cloud, type }).find((r) => r.name === name)!;
  const acts = env.session.accounts.actionsFor(t)!;
  const op = acts.operations.find((o) => o.id === opId)!;
  console.log(await op.run({ target: t, params: op.params.parse({}) }));
  const back = await readBack(env, t);
  console.log(JSON.stringify(back?.attributes), 'public', hasFlag(back!, 'public'), 'attr.public', back?.attributes['public']);
} finally { await env.stop(); }
