import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { assertCanGrantRoles } from "./guards.ts";
import { addProjectMemberSchema, type AddProjectMemberInput } from "./schemas.ts";

/** Adds a member of the project's org, by email, with one or more (possibly expiring) roles. */
export async function addProjectMember(access: ProjectAccess, input: AddProjectMemberInput): Promise<{ membershipId: string }> {
  if (!access.can("member:add")) throw new ForbiddenError("member:add");
  const { email, grants } = addProjectMemberSchema.parse(input);
  await assertCanGrantRoles(access, grants.map((grant) => grant.role));
  const { project, orgAccess } = access;

  const orgMembership = await db().orgMembership.findFirst({
    where: { orgId: orgAccess.org.id, user: { email } },
    select: { id: true, userId: true },
  });
  if (!orgMembership) {
    throw ValidationError.field("email", "No member of this organization has that email. Invite them to the organization first.");
  }
  try {
    return await db().$transaction(async (tx) => {
      const membership = await tx.projectMembership.create({
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
      return { membershipId: membership.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("email", "They are already a member of this project. Change their roles instead.");
    throw error;
  }
}
