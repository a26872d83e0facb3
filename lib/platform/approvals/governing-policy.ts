/** What makes one approval policy stricter than another. */
export type Strictness = { requiredApprovals: number; maxDurationMinutes: number; name: string };

/** Most approvals first, then the shortest maximum, then by name: the order "strictest wins" reads. */
export function stricterFirst(a: Strictness, b: Strictness): number {
  return b.requiredApprovals - a.requiredApprovals || a.maxDurationMinutes - b.maxDurationMinutes || a.name.localeCompare(b.name);
}

/**
 * Of the policies that cover a request's subject, the one it follows: the strictest, so adding
 * a looser policy never weakens a stricter one. Null when none covers it.
 */
export function governingPolicy<P extends Strictness>(policies: readonly P[], covers: (policy: P) => boolean): P | null {
  return policies.filter(covers).sort(stricterFirst)[0] ?? null;
}
