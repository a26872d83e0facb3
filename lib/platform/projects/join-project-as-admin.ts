import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { projectRefSchema } from "./schemas.ts";

const ADMIN: ProjectRoleSlug = "admin";

/**
 * For people who may see every project of the org (project:read-all): join one as a
 * permanent Admin, or make an existing membership Admin. Always on the audit log.
 */
export async function joinProjectAsAdmin(access: OrgAccess, input: { orgSlug: string; projectSlug: string }): Promise<void> {
  if (!access.can("project:read-all")) throw new ForbiddenError("project:read-all");
  const { projectSlug } = projectRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const project = await tx.project.findUnique({
      where: { orgId_slug: { orgId: access.org.id, slug: projectSlug } },
      select: { id: true },
    });
    if (!project) throw new NotFoundError("No such project");
    const orgMembership = await tx.orgMembership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: access.org.id, userId: access.actor.userId } },
      select: { id: true },
    });
    const membership = await tx.projectMembership.upsert({
      where: { projectId_userId: { projectId: project.id, userId: access.actor.userId } },
      create: { projectId: project.id, userId: access.actor.userId, orgMembershipId: orgMembership.id },
      update: {},
      select: { id: true },
    });
    await tx.projectRoleGrant.upsert({
      where: { projectMembershipId_role: { projectMembershipId: membership.id, role: ADMIN } },
      create: { projectMembershipId: membership.id, role: ADMIN },
      update: { expiresAt: null },
    });
    await recordOrgEvent(tx, access, {
      action: "project.joined-as-admin",
      target: { type: "project", id: project.id },
    });
  });
}
