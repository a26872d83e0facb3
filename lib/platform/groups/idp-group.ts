import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { contendedTransaction, isUniqueViolation } from "../db.ts";
import { ForbiddenError, RefusedError, ValidationError } from "../errors.ts";
import { assertHoldsWhatGroupGives, givenBy, readGroupHoldings } from "./holdings.ts";
import { setGroupIdpGroupSchema, type SetGroupIdpGroupInput } from "./schemas.ts";

/**
 * Makes a group follow one of the provider's groups: at each single sign-on, a person the
 * provider lists in it joins, one it no longer lists leaves. That hands who is in the group to
 * the provider, so it takes what adding and removing members takes — and the authority of
 * whoever set it is checked again at each sign-in that uses it.
 */
export async function setGroupIdpGroup(access: OrgAccess, input: SetGroupIdpGroupInput): Promise<void> {
  if (!access.can("group:manage-members")) throw new ForbiddenError("group:manage-members");
  const { groupId, idpGroup } = setGroupIdpGroupSchema.parse(input);
  try {
    await contendedTransaction(async (tx) => {
      const group = await readGroupHoldings(tx, access, groupId);
      if (group.scimManaged) throw new RefusedError("This group is provisioned (SCIM): its members already come from the identity provider.");
      const before = await tx.group.findUniqueOrThrow({ where: { id: groupId }, select: { idpGroup: true } });
      if (before.idpGroup === idpGroup) return;
      await assertHoldsWhatGroupGives(tx, access, givenBy(group), "idpGroup");
      await tx.group.update({ where: { id: groupId }, data: { idpGroup, idpGroupSetById: idpGroup ? access.actor.userId : null } });
      await recordOrgEvent(tx, access, {
        action: "group.idp-group-set",
        target: { type: "group", id: groupId, label: group.name },
        metadata: { from: before.idpGroup, to: idpGroup },
        summary: `${before.idpGroup ?? "none"} → ${idpGroup ?? "none"}`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("idpGroup", "Another group already follows this provider group.");
    throw error;
  }
}
