import { z } from 'zod';

/** Principals that make a resource public: anyone, or anyone with a Google account. */
const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);

/** An IAM binding as the APIs return it (a condition, when present, is kept as is). */
export interface Binding {
  role: string;
  members: string[];
  condition?: unknown;
}

/** Grants of public principals, per role: what a restrict removes and its undo puts back. */
export const PublicGrantsSchema = z.array(
  z.object({
    role: z.string().regex(/^(roles|projects\/[^/]+\/roles|organizations\/\d+\/roles)\/[A-Za-z0-9_.]+$/),
    members: z.array(z.enum(['allUsers', 'allAuthenticatedUsers'])).min(1),
  }),
);
export type PublicGrants = z.infer<typeof PublicGrantsSchema>;

/**
 * Splits a policy's bindings into the ones to keep (public principals taken out, bindings left
 * empty dropped) and the public grants removed. Conditional bindings keep their condition.
 */
export function withoutPublic(bindings: readonly Binding[]): { kept: Binding[]; removed: PublicGrants } {
  const kept: Binding[] = [];
  const removed: PublicGrants = [];
  for (const b of bindings) {
    const members = b.members ?? [];
    const open = members.filter((m) => PUBLIC.has(m)) as ('allUsers' | 'allAuthenticatedUsers')[];
    const rest = members.filter((m) => !PUBLIC.has(m));
    if (open.length) removed.push({ role: b.role, members: open });
    if (rest.length) kept.push({ ...b, members: rest });
  }
  return { kept, removed };
}

/** The bindings with removed public grants put back (into an unconditional binding of the role). */
export function withGrants(bindings: readonly Binding[], grants: PublicGrants): Binding[] {
  const out = bindings.map((b) => ({ ...b, members: [...(b.members ?? [])] }));
  for (const grant of grants) {
    let binding = out.find((b) => b.role === grant.role && (b.condition ?? undefined) === undefined);
    if (!binding) out.push((binding = { role: grant.role, members: [] }));
    for (const m of grant.members) if (!binding.members.includes(m)) binding.members.push(m);
  }
  return out;
}

/** `allUsers on roles/x, allAuthenticatedUsers on roles/y`, for log lines. */
export function describeGrants(grants: PublicGrants): string {
  return grants.map((g) => `${g.members.join(' + ')} on ${g.role}`).join(', ');
}
