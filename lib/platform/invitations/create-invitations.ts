import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, RefusedError, ValidationError } from "../errors.ts";
import { consumeRateLimit, describeRetry, RATE_LIMITS } from "../rate-limits/rate-limit.ts";
import { assertCanGrant, orgRoleScope } from "../roles/scope.ts";
import { createInvitationsSchema, type CreateInvitationsInput } from "./schemas.ts";
import { assertCanOfferProjectRoles, type NamedProjectRole } from "./project-role-offers.ts";
import { newInvitationToken } from "../tokens.ts";
import { assertHighPrivilegeConfirmed } from "../org-members/guards.ts";

export type CreatedInvitation = {
  id: string;
  email: string;
  role: string;
  roleName: string;
  projectRoles: NamedProjectRole[];
  token: string;
  expiresAt: Date;
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * Invites one or many people to the org with a role (and optionally project roles), all
 * or none: an address that is already a member, or already has a pending invitation, is
 * named and nothing is sent.
 * The tokens are returned once, to be mailed or shown; the database keeps their hashes.
 */
export async function createInvitations(access: OrgAccess, input: CreateInvitationsInput): Promise<CreatedInvitation[]> {
  if (!access.can("member:invite")) throw new ForbiddenError("member:invite");
  const { emails, role, projectRoles, expiresInDays, confirmHighPrivilege } = createInvitationsSchema.parse(input);
  const [granted] = await assertCanGrant(orgRoleScope(access), [role], "role");
  assertHighPrivilegeConfirmed(granted!, confirmHighPrivilege);
  const namedProjectRoles = await assertCanOfferProjectRoles(access, projectRoles);
  const limit = await consumeRateLimit(RATE_LIMITS.invitesPerOrg, access.org.id, emails.length);
  if (!limit.allowed) {
    throw new RefusedError(`This organization has sent too many invitations lately. Try again ${describeRetry(limit.retryAfterSeconds)}.`);
  }
  const expiresAt = new Date(Date.now() + expiresInDays * DAY);

  return db().$transaction(async (tx) => {
    // One inviter at a time per org, so the pending check below cannot race.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${access.org.id}::uuid FOR UPDATE`;
    const members = await tx.orgMembership.findMany({
      where: { orgId: access.org.id, user: { email: { in: emails } } },
      select: { user: { select: { email: true } } },
    });
    if (members.length > 0) {
      const list = members.map((member) => member.user.email).join(", ");
      throw ValidationError.field("emails", `Already members: ${list}. Remove them from the list.`);
    }
    const pending = await tx.invitation.findMany({
      where: { orgId: access.org.id, email: { in: emails }, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { email: true },
    });
    if (pending.length > 0) {
      const list = pending.map((invitation) => invitation.email).join(", ");
      throw ValidationError.field("emails", `Already invited: ${list}. Resend their invitations from the list instead.`);
    }
    const created: CreatedInvitation[] = [];
    for (const email of emails) {
      const { token, tokenHash } = newInvitationToken();
      const invitation = await tx.invitation.create({
        data: {
          orgId: access.org.id,
          email,
          role,
          tokenHash,
          expiresAt,
          invitedById: access.actor.userId,
          projectRoles: { create: projectRoles },
        },
        select: { id: true },
      });
      await recordOrgEvent(tx, access, {
        action: "member.invited",
        target: { type: "invitation", id: invitation.id },
        metadata: { email, role, projectRoles, expiresAt: expiresAt.toISOString() },
      });
      created.push({ id: invitation.id, email, role, roleName: granted!.name, projectRoles: namedProjectRoles, token, expiresAt });
    }
    return created;
  });
}
