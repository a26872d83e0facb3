import "server-only";
import { assertPlanFeature, assertWithinPlan } from "../billing/limits.ts";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { ProjectRoleSlug } from "../authz/built-in-roles.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db, isUniqueViolation } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { productHooks } from "./product-hooks.ts";
import { createProjectSchema, type CreateProjectInput } from "./schemas.ts";

export type CreatedProject = { id: string; slug: string; name: string; type: string };

const PROJECTS_METER = { SECRET_MANAGER: "secretsProjects", PKI: "pkiProjects", PAM: "pamProjects" } as const;

/** Creates a project in the actor's org; the creator becomes its first Admin. */
export async function createProject(access: OrgAccess, input: CreateProjectInput): Promise<CreatedProject> {
  if (!access.can("project:create")) throw new ForbiddenError("project:create");
  const { name, slug, type, description } = createProjectSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      if (type === "PKI") await assertPlanFeature(tx, access.org.id, "pki");
      if (type === "PAM") await assertPlanFeature(tx, access.org.id, "pam");
      await assertWithinPlan(tx, access.org.id, PROJECTS_METER[type]);
      const orgMembership = await tx.orgMembership.findUniqueOrThrow({
        where: { orgId_userId: { orgId: access.org.id, userId: access.actor.userId } },
        select: { id: true },
      });
      const project = await tx.project.create({
        data: { orgId: access.org.id, name, slug, type, description },
        select: { id: true, slug: true, name: true, type: true },
      });
      await tx.projectMembership.create({
        data: {
          projectId: project.id,
          orgMembershipId: orgMembership.id,
          userId: access.actor.userId,
          grants: { create: { role: "admin" satisfies ProjectRoleSlug } },
        },
      });
      await productHooks(type).projectCreated?.(tx, project.id);
      await recordOrgEvent(tx, access, {
        action: "project.created",
        target: { type: "project", id: project.id },
        metadata: { name, slug, type },
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw ValidationError.field("slug", `This organization already has a project at "${slug}". Choose another slug.`);
    }
    throw error;
  }
}
