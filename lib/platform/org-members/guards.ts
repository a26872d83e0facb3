import "server-only";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import type { Tx } from "../db.ts";
import { ORG_SUBJECTS } from "../authz/catalogue.ts";
import { allowedPermissions, describePermissions, highPrivilegesIn } from "../authz/privilege.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { assertCanGrant, orgRoleScope, type ResolvedRole } from "../roles/scope.ts";

/** Refuses giving or taking away an org role that does not exist or allows more than the actor holds. */
export async function assertCanGrantOrgRoles(access: OrgAccess, roles: readonly string[], client?: Pick<Tx, "customRole">): Promise<ResolvedRole[]> {
  return assertCanGrant(orgRoleScope(access), roles, "role", client);
}

/**
 * An org role that manages other people, roles, billing or the org itself is handed out by
 * invitation or link only when the admin ticked that they mean it (the form warns first).
 */
export function assertHighPrivilegeConfirmed(role: ResolvedRole, confirmed: boolean | undefined): void {
  const privileges = highPrivilegesIn(allowedPermissions(role.rules, ORG_SUBJECTS));
  if (privileges.length === 0 || confirmed) return;
  throw ValidationError.field(
    "confirmHighPrivilege",
    `${role.name} can manage more than their own work (${describePermissions(privileges, ORG_SUBJECTS).join("; ")}). Tick the box to confirm you mean to give that.`,
  );
}

/**
 * When `membershipId` is an Admin about to stop being one: locks the org row so that
 * concurrent changes to its admins queue up, then checks another Admin remains.
 */
export async function assertAnotherOrgAdminRemains(tx: Tx, orgId: string, membershipId: string, message: string) {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
  const admin: OrgRoleSlug = "admin";
  const target = await tx.orgMembership.findFirst({ where: { id: membershipId, orgId }, select: { role: true } });
  if (target?.role !== admin) return;
  // A machine identity holding Admin does not count: a person must be left to run the org.
  const others = await tx.orgMembership.count({ where: { orgId, role: admin, id: { not: membershipId }, user: { kind: "PERSON" } } });
  if (others === 0) throw new RefusedError(message);
}
