import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { contendedTransaction, type Tx } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError } from "../errors.ts";
import { assertAnotherAdminRemains, assertCanGrantRoles } from "./guards.ts";
import { removeProjectMemberSchema, type RemoveProjectMemberInput } from "./schemas.ts";

/** Removes someone else from the project (leaving is `leaveProject`). */
export async function removeProjectMember(access: ProjectAccess, input: RemoveProjectMemberInput): Promise<void> {
  if (!access.can("member:remove")) throw new ForbiddenError("member:remove");
  const { membershipId } = removeProjectMemberSchema.parse(input);
  if (membershipId === access.membership?.id) throw new RefusedError("To remove yourself, use Leave project.");
  await contendedTransaction(async (tx) => {
    const membership = await findMembership(tx, access, membershipId);
    await assertCanGrantRoles(
      access,
      membership.grants.map((grant) => grant.role),
      "grants",
      tx,
    );
    await assertAnotherAdminRemains(tx, access.project.id, membershipId, "This is the project's last Admin. Make someone else an Admin first.");
    await tx.projectMembership.delete({ where: { id: membershipId } });
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      actorId: access.orgAccess.actor.userId,
      action: "project-member.removed",
      target: { type: "user", id: membership.userId },
      metadata: { projectId: access.project.id, roles: membership.grants.map((grant) => grant.role) },
    });
  });
}

/** Any member may leave, except the project's last Admin. */
export async function leaveProject(access: ProjectAccess): Promise<void> {
  const own = access.membership;
  if (!own) throw new NotFoundError("You are not a member of this project");
  const ownId = own.id;
  if (!ownId) throw new RefusedError("You are in this project through your groups only: ask whoever manages them to take you out.");
  await contendedTransaction(async (tx) => {
    await assertAnotherAdminRemains(
      tx,
      access.project.id,
      ownId,
      "You are the project's last Admin. Make someone else an Admin before you leave, or delete the project.",
    );
    await tx.projectMembership.delete({ where: { id: ownId } });
    await recordAuditEvent(tx, {
      orgId: access.orgAccess.org.id,
      actorId: access.orgAccess.actor.userId,
      action: "project-member.left",
      target: { type: "user", id: access.orgAccess.actor.userId },
      metadata: { projectId: access.project.id },
    });
  });
}

async function findMembership(tx: Tx, access: ProjectAccess, membershipId: string) {
  const membership = await tx.projectMembership.findFirst({
    where: { id: membershipId, projectId: access.project.id },
    select: { userId: true, grants: { select: { role: true } } },
  });
  if (!membership) throw new NotFoundError("No such project member");
  return membership;
}
