import { buildAbility } from "./ability.ts";
import { splitPermission, type SubjectDefinition } from "./catalogue.ts";
import type { PermissionRule } from "./rules.ts";

/**
 * Org permissions that reach beyond one's own work: other people's access, the roles
 * themselves, the org's money, the org itself. Handing a role with any of them to someone
 * (an invitation, an invite link) shows a warning and needs a confirmation.
 */
export const HIGH_PRIVILEGE_ORG_PERMISSIONS = [
  "member:invite",
  "member:edit-role",
  "member:remove",
  "role:edit",
  "billing:manage",
  "organization:delete",
] as const;

/** Every permission of the scope's catalogue the rules allow somewhere (conditions aside). */
export function allowedPermissions(rules: readonly PermissionRule[], subjects: Readonly<Record<string, SubjectDefinition>>): string[] {
  const ability = buildAbility(rules);
  return Object.entries(subjects).flatMap(([subject, definition]) =>
    Object.keys(definition.actions)
      .map((action) => `${subject}:${action}`)
      .filter((permission) => ability.can(permission)),
  );
}

export function highPrivilegesIn(permissions: readonly string[]): string[] {
  return HIGH_PRIVILEGE_ORG_PERMISSIONS.filter((permission) => permissions.includes(permission));
}

/** Permissions in words, one line per subject: "Members: invite, change roles and remove". */
export function describePermissions(permissions: readonly string[], subjects: Readonly<Record<string, SubjectDefinition>>): string[] {
  const bySubject = new Map<string, string[]>();
  for (const permission of permissions) {
    const { subject, action } = splitPermission(permission);
    const definition = subjects[subject];
    if (!definition) continue;
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), (definition.actions[action] ?? action).toLowerCase()]);
  }
  return [...bySubject].map(([subject, actions]) => `${subjects[subject]!.label}: ${joinWords(actions)}`);
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
