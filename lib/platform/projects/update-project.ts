import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { updateProjectSchema, type UpdateProjectInput } from "./schemas.ts";

/** Renames a project and edits its description (its slug and type stay); a save that changes nothing records nothing. */
export async function updateProject(access: ProjectAccess, input: UpdateProjectInput): Promise<void> {
  if (!access.can("project:edit")) throw new ForbiddenError("project:edit");
  const { name, description } = updateProjectSchema.parse(input);
  const before = access.project;
  if (name === before.name && description === before.description) return;
  await db().$transaction(async (tx) => {
    await tx.project.update({ where: { id: before.id }, data: { name, description } });
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      actorId: access.orgAccess.actor.userId,
      action: "project.renamed",
      target: { type: "project", id: before.id },
      metadata: { before: { name: before.name, description: before.description }, after: { name, description } },
    });
  });
}
