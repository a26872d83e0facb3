import "server-only";
import type { OrgAccess } from "../authz/org-access.ts";
import { ORG_SUBJECTS } from "../authz/catalogue.ts";
import { allowedPermissions, describePermissions, highPrivilegesIn } from "../authz/privilege.ts";
import { ValidationError } from "../errors.ts";
import { assertCanGrant, orgRoleScope, type ResolvedRole } from "../roles/scope.ts";
import type { Tx } from "../db.ts";

export { assertAnotherOrgAdminRemains } from "./org-admins.ts";

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
