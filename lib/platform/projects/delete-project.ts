import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import { productHooks } from "./product-hooks.ts";
import { deleteProjectSchema, type DeleteProjectInput } from "./schemas.ts";

/** Deletes a project and everything in it; the person must type its slug to confirm. */
export async function deleteProject(access: ProjectAccess, input: DeleteProjectInput): Promise<void> {
  if (!access.can("project:delete")) throw new ForbiddenError("project:delete");
  const { confirmation } = deleteProjectSchema.parse(input);
  const { project, orgAccess } = access;
  if (confirmation.trim() !== project.slug) {
    throw ValidationError.field("confirmation", `Type ${project.slug} to confirm.`);
  }
  await db().$transaction(async (tx) => {
    await productHooks(project.type).beforeProjectsDeleted?.(tx, { projectId: project.id });
    await tx.project.delete({ where: { id: project.id } });
    await recordAuditEvent(tx, {
      orgId: orgAccess.org.id,
      actorId: orgAccess.actor.userId,
      action: "project.deleted",
      target: { type: "project", id: project.id },
      metadata: { name: project.name, slug: project.slug, type: project.type },
    });
  });
}
