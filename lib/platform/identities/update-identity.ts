import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { assertCanGrantOrgRoles } from "../org-members/guards.ts";
import { updateIdentitySchema, type UpdateIdentityInput } from "./schemas.ts";
import { assertAuthorityOver, identityInOrg } from "./queries.ts";

/**
 * Renames an identity, changes its org role, or sets its delete protection. Changing the role
 * needs authority over both the role it holds and the one it gets (the boundary rule, checked
 * now, in the transaction that writes it).
 */
export async function updateIdentity(access: OrgAccess, input: UpdateIdentityInput): Promise<void> {
  if (!access.can("identity:edit")) throw new ForbiddenError("identity:edit");
  const { identityId, name, role, deleteProtection } = updateIdentitySchema.parse(input);
  await db().$transaction(async (tx) => {
    const identity = await identityInOrg(tx, access, identityId);
    const membership = await assertAuthorityOver(tx, access, identityId);
    const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
    if (identity.principal.name !== name) changes.name = { from: identity.principal.name, to: name };
    if (membership.role !== role) changes.role = { from: membership.role, to: role };
    if (identity.deleteProtection !== deleteProtection) changes.deleteProtection = { from: identity.deleteProtection, to: deleteProtection };
    if (Object.keys(changes).length === 0) return;
    if (changes.role) {
      await assertCanGrantOrgRoles(access, [role], tx);
      await tx.orgMembership.update({ where: { id: membership.membershipId }, data: { role } });
    }
    if (changes.name) await tx.user.update({ where: { id: identityId }, data: { name } });
    if (changes.deleteProtection) await tx.machineIdentity.update({ where: { userId: identityId }, data: { deleteProtection } });
    await recordOrgEvent(tx, access, {
      action: "identity.updated",
      target: { type: "identity", id: identityId, label: name },
      metadata: changes,
      summary: Object.entries(changes)
        .map(([field, { from, to }]) => `${IDENTITY_FIELD_NAMES[field]}: ${String(from)} → ${String(to)}`)
        .join("; "),
    });
  });
}

const IDENTITY_FIELD_NAMES: Record<string, string> = { name: "name", role: "org role", deleteProtection: "delete protection" };
