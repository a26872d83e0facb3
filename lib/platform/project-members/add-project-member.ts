import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { assertCanGrantRoles } from "./guards.ts";
import { addProjectMemberSchema, type AddProjectMemberInput } from "./schemas.ts";

/**
 * Adds members of the project's org, chosen in the picker, each with the same one or more
 * (possibly expiring) roles: all of them or none, in one transaction.
 */
export async function addProjectMembers(access: ProjectAccess, input: AddProjectMemberInput): Promise<{ added: number }> {
  if (!access.can("member:add")) throw new ForbiddenError("member:add");
  const { userIds, grants } = addProjectMemberSchema.parse(input);
  await assertCanGrantRoles(
    access,
    grants.map((grant) => grant.role),
  );
  const { project, orgAccess } = access;

  return db().$transaction(async (tx) => {
    const orgMemberships = await tx.orgMembership.findMany({
      where: { orgId: orgAccess.org.id, userId: { in: userIds } },
      select: { id: true, userId: true, user: { select: { name: true } }, projectMemberships: { where: { projectId: project.id }, select: { id: true } } },
    });
    if (orgMemberships.length !== userIds.length) {
      throw ValidationError.field("userIds", "Someone you chose is no longer a member of this organization. Search for them again.");
    }
    const already = orgMemberships.filter((membership) => membership.projectMemberships.length > 0).map((membership) => membership.user.name);
    if (already.length > 0) {
      throw ValidationError.field("userIds", `Already in this project: ${already.join(", ")}. Change their roles instead.`);
    }
    for (const orgMembership of orgMemberships) {
      await tx.projectMembership.create({
        data: {
          projectId: project.id,
          orgMembershipId: orgMembership.id,
          userId: orgMembership.userId,
          grants: { create: grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt })) },
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        orgId: orgAccess.org.id,
        actorId: orgAccess.actor.userId,
        action: "project-member.added",
        target: { type: "user", id: orgMembership.userId },
        metadata: { projectId: project.id, grants: grants.map((grant) => ({ role: grant.role, expiresAt: grant.expiresAt?.toISOString() ?? null })) },
      });
    }
    return { added: orgMemberships.length };
  });
}
