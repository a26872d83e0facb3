import "server-only";
import { assertPlanFeature } from "../billing/limits.ts";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError } from "../errors.ts";
import { assertCanOfferProjectRoles } from "../invitations/project-role-offers.ts";
import { newInvitationToken } from "../tokens.ts";
import { assertCanGrantOrgRoles, assertHighPrivilegeConfirmed } from "../org-members/guards.ts";
import { createInviteLinkSchema, type CreateInviteLinkInput } from "./schemas.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Creates a shareable join link with the roles fixed here, on the server. The token is
 * returned this once; only its hash is kept, so a lost link is revoked and replaced.
 */
export async function createInviteLink(access: OrgAccess, input: CreateInviteLinkInput): Promise<{ id: string; token: string }> {
  if (!access.can("invite-link:create")) throw new ForbiddenError("invite-link:create");
  const { name, role, projectRoles, expiresInDays, maxUses, allowedDomain, confirmHighPrivilege } = createInviteLinkSchema.parse(input);
  const [granted] = await assertCanGrantOrgRoles(access, [role]);
  assertHighPrivilegeConfirmed(granted!, confirmHighPrivilege);
  await assertCanOfferProjectRoles(access, projectRoles);
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + expiresInDays * DAY);
  const id = await db().$transaction(async (tx) => {
    await assertPlanFeature(tx, access.org.id, "inviteLinks");
    const link = await tx.inviteLink.create({
      data: {
        orgId: access.org.id,
        name,
        role,
        tokenHash,
        expiresAt,
        maxUses,
        allowedDomain,
        createdById: access.actor.userId,
        projectRoles: { create: projectRoles },
      },
      select: { id: true },
    });
    await recordOrgEvent(tx, access, {
      action: "invite-link.created",
      target: { type: "invite-link", id: link.id },
      metadata: { name, role, projectRoles, expiresAt: expiresAt.toISOString(), maxUses, allowedDomain },
    });
    return link.id;
  });
  return { id, token };
}
