import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { keepingOrgAdmins } from "../org-members/org-admins.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { assertHoldsWhatGroupGives, assertNotProvisioned, readGroupHoldings } from "./holdings.ts";
import { updateGroupSchema, type UpdateGroupInput } from "./schemas.ts";

/**
 * Renames a group, describes it, or changes its org role. A new org role needs authority
 * over both the role it had and the one it gets; the org keeps an Admin.
 */
export async function updateGroup(access: OrgAccess, input: UpdateGroupInput): Promise<void> {
  if (!access.can("group:edit")) throw new ForbiddenError("group:edit");
  const { groupId, name, description, orgRole } = updateGroupSchema.parse(input);
  await contendedTransaction(async (tx) => {
    const group = await readGroupHoldings(tx, access, groupId);
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    if (group.name !== name) changes.name = { from: group.name, to: name };
    if (group.description !== description) changes.description = { from: group.description, to: description };
    if (group.orgRole !== orgRole) changes.orgRole = { from: group.orgRole, to: orgRole };
    if (Object.keys(changes).length === 0) return;
    if (changes.name) assertNotProvisioned(group, "rename it");
    if (changes.orgRole) {
      const roles = [group.orgRole, orgRole].filter((role): role is string => role !== null);
      await assertHoldsWhatGroupGives(tx, access, { orgRoles: roles, projectRoles: [] }, "orgRole");
    }
    await keepingOrgAdmins(tx, access.org.id, "Members of this group would lose the organization's last Admin role. Make someone else an Admin first.", () =>
      tx.group.update({ where: { id: groupId }, data: { name, description, orgRole } }),
    );
    const names = await roleNamesIn(access.org.id, tx);
    const word = (field: string, value: string | null) => (field === "orgRole" ? (value ? names.org(value) : "none") : (value ?? ""));
    await recordOrgEvent(tx, access, {
      action: "group.updated",
      target: { type: "group", id: groupId, label: name },
      metadata: changes,
      summary: Object.entries(changes)
        .map(([field, { from, to }]) => `${FIELD_NAMES[field]}: ${word(field, from)} → ${word(field, to)}`)
        .join("; "),
    });
  });
}

const FIELD_NAMES: Record<string, string> = { name: "name", description: "description", orgRole: "org role" };
