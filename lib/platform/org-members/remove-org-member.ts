import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction } from "../db.ts";
import { ForbiddenError, NotFoundError, RefusedError } from "../errors.ts";
import { assertNoProjectLosesItsLastAdmin } from "../project-members/sole-admin-projects.ts";
import { assertAnotherOrgAdminRemains, assertCanGrantOrgRoles } from "./guards.ts";
import { removeOrgMemberSchema, type RemoveOrgMemberInput } from "./schemas.ts";

/**
 * Removes someone from the org. Their project memberships hang off the org membership
 * and go with it, in the same statement; refused while that would leave a project without
 * an Admin.
 */
export async function removeOrgMember(access: OrgAccess, input: RemoveOrgMemberInput): Promise<void> {
  if (!access.can("member:remove")) throw new ForbiddenError("member:remove");
  const { membershipId } = removeOrgMemberSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const membership = await tx.orgMembership.findFirst({
      where: { id: membershipId, orgId: access.org.id },
      select: { userId: true, role: true, scimUser: { select: { id: true } }, _count: { select: { projectMemberships: true } } },
    });
    if (!membership) throw new NotFoundError("No such member");
    if (membership.scimUser) throw new RefusedError(PROVISIONED);
    if (membership.userId === access.actor.userId) throw new RefusedError("To remove yourself, use Leave organization.");
    await assertCanGrantOrgRoles(access, [membership.role], tx);
    await assertAnotherOrgAdminRemains(tx, access.org.id, membershipId, "This is the organization's last Admin.", true);
    await assertNoProjectLosesItsLastAdmin(tx, membership.userId, access.org.id, "they");
    await tx.orgMembership.delete({ where: { id: membershipId } });
    await recordOrgEvent(tx, access, {
      action: "member.removed",
      target: { type: "user", id: membership.userId },
      metadata: { role: membership.role, projectMemberships: membership._count.projectMemberships },
    });
  });
}

const PROVISIONED = "This membership is managed by the organization's identity provider: it is removed there (deactivate or unassign the person).";

/** Anyone may leave an org, except its last Admin or the last Admin of one of its projects. */
export async function leaveOrg(access: OrgAccess): Promise<void> {
  await contendedTransaction(async (tx) => {
    const own = await tx.orgMembership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: access.org.id, userId: access.actor.userId } },
      select: { id: true, role: true, scimUser: { select: { id: true } } },
    });
    if (own.scimUser) throw new RefusedError(PROVISIONED);
    await assertAnotherOrgAdminRemains(tx, access.org.id, own.id, "You are the organization's last Admin. Make someone else an Admin before you leave.", true);
    await assertNoProjectLosesItsLastAdmin(tx, access.actor.userId, access.org.id, "you");
    await tx.orgMembership.delete({ where: { id: own.id } });
    await recordOrgEvent(tx, access, {
      action: "member.left",
      target: { type: "user", id: access.actor.userId },
      metadata: { role: own.role },
    });
  });
}
