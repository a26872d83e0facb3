import "server-only";
import type { OrgRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";

/** Whether the actor is the org's only Admin: they cannot leave, and are told so before trying. */
export async function isSoleAdmin(access: OrgAccess): Promise<boolean> {
  const admin: OrgRoleSlug = "admin";
  if (access.role !== admin) return false;
  return (await db().orgMembership.count({ where: { orgId: access.org.id, role: admin } })) <= 1;
}
