import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction } from "../db.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { keepingOrgAdmins } from "../org-members/org-admins.ts";
import { keepingProjectAdmins } from "../project-members/guards.ts";
import { assertHoldsWhatGroupGives, assertNotProvisioned, givenBy, readGroupHoldings } from "./holdings.ts";
import { addGroupMembersSchema, removeGroupMemberSchema, type AddGroupMembersInput, type RemoveGroupMemberInput } from "./schemas.ts";

/**
 * Puts org members (people or machine identities) in a group, all of them or none. They get
 * everything the group holds, so the actor must hold it too (the boundary rule).
 */
export async function addGroupMembers(access: OrgAccess, input: AddGroupMembersInput): Promise<{ added: number }> {
  if (!access.can("group:manage-members")) throw new ForbiddenError("group:manage-members");
  const { groupId, userIds } = addGroupMembersSchema.parse(input);
  return contendedTransaction(async (tx) => {
    const group = await readGroupHoldings(tx, access, groupId);
    assertNotProvisioned(group, "add its members");
    await assertHoldsWhatGroupGives(tx, access, givenBy(group), "userIds");
    const memberships = await tx.orgMembership.findMany({
      where: { orgId: access.org.id, userId: { in: userIds } },
      select: { id: true, userId: true, user: { select: { name: true } }, groupMemberships: { where: { groupId }, select: { id: true } } },
    });
    if (memberships.length !== userIds.length) {
      throw ValidationError.field("userIds", "Someone you chose is no longer a member of this organization. Search for them again.");
    }
    const already = memberships.filter((membership) => membership.groupMemberships.length > 0).map((membership) => membership.user.name);
    if (already.length > 0) throw ValidationError.field("userIds", `Already in this group: ${already.join(", ")}.`);
    await tx.groupMember.createMany({
      data: memberships.map((membership) => ({ groupId, orgMembershipId: membership.id, userId: membership.userId, addedById: access.actor.userId })),
    });
    await recordOrgEvent(tx, access, {
      action: "group.members-added",
      target: { type: "group", id: groupId, label: group.name },
      metadata: { memberIds: memberships.map((membership) => membership.userId) },
      summary: memberships.map((membership) => membership.user.name).join(", "),
    });
    return { added: memberships.length };
  });
}

/**
 * Takes someone out of a group: on their very next request they no longer hold what it gave
 * (every loader reads group membership in its one statement). The actor must hold what the
 * group gives; no project and not the org may be left without an Admin.
 */
export async function removeGroupMember(access: OrgAccess, input: RemoveGroupMemberInput): Promise<void> {
  if (!access.can("group:manage-members")) throw new ForbiddenError("group:manage-members");
  const { groupId, userId } = removeGroupMemberSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const group = await readGroupHoldings(tx, access, groupId);
    assertNotProvisioned(group, "remove its members");
    const member = await tx.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { id: true } });
    if (!member) throw new NotFoundError("Not a member of this group");
    await assertHoldsWhatGroupGives(tx, access, givenBy(group), "userId");
    const lost = (what: string) => `Through this group they are the last Admin of ${what}. Make someone else an Admin first.`;
    await keepingOrgAdmins(tx, access.org.id, lost("the organization"), () =>
      keepingProjectAdmins(
        tx,
        group.projectRoles.map((grant) => grant.projectId),
        (projects) => lost(projects.join(", ")),
        () => tx.groupMember.delete({ where: { id: member.id } }),
      ),
    );
    await recordOrgEvent(tx, access, {
      action: "group.member-removed",
      target: { type: "group", id: groupId, label: group.name },
      metadata: { userId },
    });
  });
}
