import "server-only";
import { holdsEveryPermission } from "../authz/boundary.ts";
import type { OrgPermission } from "../authz/catalogue.ts";
import { orgAccessFor, type OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { orgRoleScope, resolveRole } from "../roles/scope.ts";
import { offersVoidedByRoleChangeSchema, removeOrgMemberSchema, type OffersAtRiskInput } from "./schemas.ts";

export type OffersAtRisk = { invitations: number; links: number };

/**
 * How many of a member's pending invitations and usable invite links would stop working if
 * they were removed (no `role`) or given `role`: what the confirmation of either says.
 * Project roles on offer do not depend on the org role, so only the org role is weighed.
 */
export async function offersAtRisk(access: OrgAccess, input: OffersAtRiskInput): Promise<OffersAtRisk> {
  const permission = input.role === undefined ? "member:remove" : "member:edit-role";
  if (!access.can(permission)) throw new ForbiddenError(permission);
  const { membershipId, role } = (input.role === undefined ? removeOrgMemberSchema : offersVoidedByRoleChangeSchema).parse(input) as {
    membershipId: string;
    role?: string;
  };
  const membership = await db().orgMembership.findFirst({
    where: { id: membershipId, orgId: access.org.id },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  if (!membership) throw new NotFoundError("No such member");
  const now = new Date();
  const [invitations, links] = await Promise.all([
    db().invitation.findMany({
      where: { orgId: access.org.id, invitedById: membership.userId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { role: true },
    }),
    db().$queryRaw<Array<{ role: string }>>`
      SELECT role FROM invite_links
       WHERE org_id = ${access.org.id}::uuid AND created_by_id = ${membership.userId}::uuid
         AND revoked_at IS NULL AND expires_at > now() AND (max_uses IS NULL OR use_count < max_uses)`,
  ]);
  if (role === undefined) return { invitations: invitations.length, links: links.length };

  const custom = await db().customRole.findUnique({
    where: { scopeKey_slug: { scopeKey: `org:${access.org.id}`, slug: role } },
    select: { id: true, slug: true, name: true, version: true, permissions: true },
  });
  const wouldBe = orgAccessFor({ userId: membership.userId, ...membership.user }, access.org, role, custom);
  const scope = orgRoleScope(wouldBe);
  const lapses = async (offered: string, permission: OrgPermission) => {
    if (!wouldBe.can(permission)) return true;
    const resolved = await resolveRole(db(), scope, offered);
    return !resolved || !holdsEveryPermission(wouldBe, resolved.rules);
  };
  const [invitationLapses, linkLapses] = await Promise.all([
    Promise.all(invitations.map((invitation) => lapses(invitation.role, "member:invite"))),
    Promise.all(links.map((link) => lapses(link.role, "invite-link:create"))),
  ]);
  return { invitations: invitationLapses.filter(Boolean).length, links: linkLapses.filter(Boolean).length };
}
