import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { keepingOrgAdmins } from "../org-members/org-admins.ts";
import { keepingProjectAdmins } from "../project-members/guards.ts";
import { assertHoldsWhatGroupGives, assertNotProvisioned, givenBy, readGroupHoldings } from "./holdings.ts";
import { groupRefSchema, type GroupRefInput } from "./schemas.ts";

/**
 * Deletes a group: its members lose what it gave them on their next request. Whoever
 * deletes it must hold everything it gives (it takes that away from its members), and no
 * project and not the org may be left without an Admin.
 */
export async function deleteGroup(access: OrgAccess, input: GroupRefInput): Promise<void> {
  if (!access.can("group:delete")) throw new ForbiddenError("group:delete");
  const { groupId } = groupRefSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const group = await readGroupHoldings(tx, access, groupId);
    assertNotProvisioned(group, "delete it");
    await assertHoldsWhatGroupGives(tx, access, givenBy(group), "groupId");
    const members = await tx.groupMember.count({ where: { groupId } });
    await keepingOrgAdmins(tx, access.org.id, "This group gives the organization's last Admin role. Make someone else an Admin first.", () =>
      keepingProjectAdmins(
        tx,
        group.projectRoles.map((grant) => grant.projectId),
        (projects) => `This group gives the last Admin role of ${projects.join(", ")}. Make someone else an Admin there first.`,
        () => tx.group.delete({ where: { id: groupId } }),
      ),
    );
    await recordOrgEvent(tx, access, {
      action: "group.deleted",
      target: { type: "group", id: groupId, label: group.name },
      metadata: { name: group.name, slug: group.slug, members, orgRole: group.orgRole, projectRoles: group.projectRoles.length },
    });
  });
}
