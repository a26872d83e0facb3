import "server-only";
import { afterResponse } from "../after-response.ts";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { mailConfigured, publicUrl, sendMail } from "../mail/send-mail.ts";
import { projectAdminHoldersSql } from "./project-admins.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { gainProjectAccessSchema, type GainProjectAccessInput } from "../projects/schemas.ts";

const ADMIN: ProjectRoleSlug = "admin";

/**
 * For people who may see every project of the org (project:read-all): gain access to one as a
 * permanent Admin, or make an existing membership Admin — typed "access" to confirm, always on
 * the audit log, and the project's Admins are told by mail (nobody takes over a project quietly).
 */
export async function joinProjectAsAdmin(access: OrgAccess, input: GainProjectAccessInput): Promise<void> {
  if (!access.can("project:read-all")) throw new ForbiddenError("project:read-all");
  const { projectSlug } = gainProjectAccessSchema.parse(input);
  const project = await db().$transaction(async (tx) => {
    const project = await tx.project.findUnique({
      where: { orgId_slug: { orgId: access.org.id, slug: projectSlug } },
      select: { id: true, name: true, slug: true },
    });
    if (!project) throw new NotFoundError("No such project");
    // The Admins before this one joins: they are the ones to tell.
    const admins = await tx.$queryRaw<Array<{ email: string }>>`
      SELECT DISTINCT u.email FROM ${projectAdminHoldersSql(Prisma.sql`${project.id}::uuid`)} a JOIN users u ON u.id = a.user_id
       WHERE u.kind = 'PERSON' AND u.id <> ${access.actor.userId}::uuid`;
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
      metadata: { adminsNotified: admins.length },
    });
    return { ...project, admins: admins.map((admin) => admin.email) };
  });
  if (!mailConfigured() || project.admins.length === 0) return;
  await afterResponse(async () => {
    for (const to of project.admins) {
      await sendMail({
        to,
        subject: `Tessera: ${access.actor.name} gained Admin access to ${project.name}`,
        lines: [
          `${access.actor.name} (${access.actor.email}), who may see every project of ${access.org.name}, made themselves an Admin of ${project.name}.`,
          "It is recorded in the audit log. If this was not expected, see the project's members:",
          publicUrl(`/orgs/${access.org.slug}/projects/${project.slug}/members`),
        ],
      });
    }
  });
}
