import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction } from "../db.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { assertAnotherOrgAdminRemains, assertCanGrantOrgRoles } from "./guards.ts";
import { changeOrgMemberRoleSchema, type ChangeOrgMemberRoleInput } from "./schemas.ts";

/** Gives a member another org role; the org always keeps an Admin. */
export async function changeOrgMemberRole(access: OrgAccess, input: ChangeOrgMemberRoleInput): Promise<void> {
  if (!access.can("member:edit-role")) throw new ForbiddenError("member:edit-role");
  const { membershipId, role } = changeOrgMemberRoleSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const membership = await tx.orgMembership.findFirst({
      where: { id: membershipId, orgId: access.org.id },
      select: { userId: true, role: true },
    });
    if (!membership) throw new NotFoundError("No such member");
    if (membership.role === role) return;
    await assertCanGrantOrgRoles(access, [role, membership.role], tx);
    if (role !== "admin") {
      await assertAnotherOrgAdminRemains(tx, access.org.id, membershipId, "An organization needs at least one Admin. Make someone else an Admin first.");
    }
    await tx.orgMembership.update({ where: { id: membershipId }, data: { role } });
    const names = await roleNamesIn(access.org.id, tx);
    await recordOrgEvent(tx, access, {
      action: "member.role-changed",
      target: { type: "user", id: membership.userId },
      metadata: { before: membership.role, after: role },
      summary: `${names.org(membership.role)} → ${names.org(role)}`,
    });
  });
}
