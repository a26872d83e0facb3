import "server-only";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, type Tx } from "../db.ts";
import { RefusedError } from "../errors.ts";
import { assertCanGrant, projectRoleScope } from "../roles/scope.ts";

/** Refuses project roles that do not exist here or allow more than the actor holds here. */
export async function assertCanGrantRoles(access: ProjectAccess, roles: readonly string[], field = "grants"): Promise<void> {
  await assertCanGrant(projectRoleScope(access), roles, field);
}

/** An Admin grant that has not expired at this instant. */
function liveAdminGrant() {
  return { role: "admin" satisfies ProjectRoleSlug, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] };
}

/**
 * Whether the actor is the project's only live Admin: they cannot leave, and are told so
 * before trying. Costs a statement only for an Admin.
 */
export async function isSoleProjectAdmin(access: ProjectAccess): Promise<boolean> {
  const membership = access.membership;
  if (!membership?.liveRoles.includes("admin" satisfies ProjectRoleSlug)) return false;
  const others = await db().projectRoleGrant.count({
    where: { ...liveAdminGrant(), membership: { projectId: access.project.id, id: { not: membership.id } } },
  });
  return others === 0;
}

/**
 * When `membershipId` is a live Admin who is about to stop being one: locks the project
 * row so that concurrent changes to its admins queue up, then checks that another live
 * Admin remains. Two admins demoting each other at once cannot both succeed.
 */
export async function assertAnotherAdminRemains(tx: Tx, projectId: string, membershipId: string, message: string) {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
  const isAdmin = await tx.projectRoleGrant.count({ where: { ...liveAdminGrant(), projectMembershipId: membershipId } });
  if (isAdmin === 0) return;
  const others = await tx.projectRoleGrant.count({
    where: { ...liveAdminGrant(), membership: { projectId, id: { not: membershipId } } },
  });
  if (others === 0) throw new RefusedError(message);
}
