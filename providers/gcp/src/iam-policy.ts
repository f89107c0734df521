/** Principals that mean "anyone": on the internet, or with any Google account. */
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** The public principals an IAM policy grants any role to (empty: not public). */
export function publicMembers(
  bindings: readonly { members?: readonly string[] | null }[] | null | undefined,
): string[] {
  const found = new Set<string>();
  for (const binding of bindings ?? [])
    for (const member of binding.members ?? []) if (PUBLIC_MEMBERS.has(member)) found.add(member);
  return [...found].sort();
}
