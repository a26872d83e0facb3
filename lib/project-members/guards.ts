import "server-only";
import { holdsEveryPermission } from "../authz/boundary.ts";
import { isProjectRoleSlug, projectRoleRules, type ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import type { Tx } from "../db.ts";
import { RefusedError, ValidationError } from "../errors.ts";

/** Refuses roles stronger than what the actor holds in this project. */
export function assertCanGrantRoles(access: ProjectAccess, roles: readonly string[], field = "grants"): void {
  for (const role of roles) {
    if (!isProjectRoleSlug(role) || !holdsEveryPermission(access, projectRoleRules(role, access.project.type))) {
      throw ValidationError.field(field, `You cannot grant or take away the ${role} role: it allows more than you hold here.`);
    }
  }
}

/** An Admin grant that has not expired at this instant. */
function liveAdminGrant() {
  return { role: "admin" satisfies ProjectRoleSlug, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] };
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
