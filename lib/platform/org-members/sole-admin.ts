import "server-only";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { countOrgAdmins } from "./org-admins.ts";

/** Whether the actor is the org's only Admin (by any path): they cannot leave, and are told so before trying. */
export async function isSoleAdmin(access: OrgAccess): Promise<boolean> {
  const admin: OrgRoleSlug = "admin";
  if (access.role !== admin && !access.groupRoles.some((held) => held.role === admin)) return false;
  return (await countOrgAdmins(db(), access.org.id)) <= 1;
}
