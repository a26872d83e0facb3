import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { contendedTransaction } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { assertAnotherAdminRemains, assertCanGrantRoles } from "./guards.ts";
import { changeProjectMemberRolesSchema, type ChangeProjectMemberRolesInput } from "./schemas.ts";
import { roleNamesIn } from "../roles/role-names.ts";

/**
 * Replaces a member's roles in one transaction. The actor must hold every permission of
 * both the roles given and the roles taken away, and the project keeps a live Admin.
 */
export async function changeProjectMemberRoles(access: ProjectAccess, input: ChangeProjectMemberRolesInput): Promise<void> {
  if (!access.can("member:edit-role")) throw new ForbiddenError("member:edit-role");
  const { membershipId, grants } = changeProjectMemberRolesSchema.parse(input);
  const { project, orgAccess } = access;
  await contendedTransaction(async (tx) => {
    const membership = await tx.projectMembership.findFirst({
      where: { id: membershipId, projectId: project.id },
      select: { userId: true, grants: { select: { role: true, expiresAt: true } } },
    });
    if (!membership) throw new NotFoundError("No such project member");
    await assertCanGrantRoles(access, [...grants.map((grant) => grant.role), ...membership.grants.map((grant) => grant.role)], "grants", tx);
    if (!grants.some((grant) => grant.role === ("admin" satisfies ProjectRoleSlug) && grant.expiresAt === null)) {
      await assertAnotherAdminRemains(tx, project.id, membershipId, "A project needs at least one permanent Admin. Make someone else an Admin first.");
    }
    await tx.projectRoleGrant.deleteMany({ where: { projectMembershipId: membershipId } });
    await tx.projectRoleGrant.createMany({
      data: grants.map((grant) => ({ projectMembershipId: membershipId, role: grant.role, expiresAt: grant.expiresAt })),
    });
    const names = await roleNamesIn(orgAccess.org.id, tx);
    const describe = (list: ReadonlyArray<{ role: string }>) => list.map((grant) => names.project(project.id, grant.role)).join(", ") || "no role";
    await recordAuditEvent(tx, {
      orgId: orgAccess.org.id,
      actorId: orgAccess.actor.userId,
      action: "project-member.roles-changed",
      summary: `${describe(membership.grants)} → ${describe(grants)}`,
      target: { type: "user", id: membership.userId },
      metadata: {
        projectId: project.id,
        before: membership.grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })),
        after: grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })),
      },
    });
  });
}
