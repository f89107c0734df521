import type { Intent, Playbook } from '@escher/protocol';

/** Where an intent's parameters go, by the names playbooks give their parameters. */
const PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  tags: ['tags', 'labels'],
  tagKeys: ['keys', 'tagKeys', 'labelKeys'],
  size: ['size', 'instanceType', 'machineType', 'tier'],
  count: ['nodeCount', 'count', 'replicas', 'capacity'],
};

/**
 * The playbook parameters an intent supplies, as the text `escher run --param` would give
 * (objects and lists as JSON): "tag … as upgraderequired:yes" fills `tags`, "to t3.large" fills
 * `size`, "to 5 nodes" fills `nodeCount`. Only parameters the playbook declares are passed, so
 * the plan's own validation names what is still missing.
 */
export function playbookParams(playbook: Playbook, intent: Intent): Record<string, string> {
  const declared = playbook.parameters.properties;
  const out: Record<string, string> = {};
  for (const [from, names] of Object.entries(PARAM_NAMES)) {
    const value = intent.params[from];
    if (value === undefined) continue;
    const name = names.find((n) => n in declared);
    if (!name) continue;
    out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}
