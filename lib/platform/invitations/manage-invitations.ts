import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import type { NamedProjectRole } from "./project-role-offers.ts";
import { DEFAULT_INVITATION_DAYS, invitationRefSchema } from "./schemas.ts";
import { newInvitationToken } from "../tokens.ts";
import { lapseChecker } from "./creator-authority.ts";

export type PendingInvitation = {
  id: string;
  email: string;
  role: string;
  roleName: string;
  projectRoles: NamedProjectRole[];
  expiresAt: Date;
  expired: boolean;
  invitedBy: string | null;
  /** Its creator can no longer grant what it offers: accepting it will be refused. */
  creatorLapsed: boolean;
};

/** Invitations not yet accepted or revoked (expired ones too: the list says so). */
export async function listPendingInvitations(access: OrgAccess): Promise<PendingInvitation[]> {
  if (!access.can("member:invite")) throw new ForbiddenError("member:invite");
  const invitations = await db().invitation.findMany({
    where: { orgId: access.org.id, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      invitedById: true,
      invitedBy: { select: { name: true } },
      projectRoles: { select: { role: true, projectId: true, project: { select: { name: true } } }, orderBy: { project: { name: "asc" } } },
    },
  });
  const names = await roleNamesIn(access.org.id);
  const asOf = Date.now();
  const lapseOf = lapseChecker(access.org.id);
  const lapses = await Promise.all(
    invitations.map((invitation) =>
      lapseOf({ createdById: invitation.invitedById, permission: "member:invite", role: invitation.role, projectRoles: invitation.projectRoles }),
    ),
  );
  return invitations.map((invitation, index) => ({
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    roleName: names.org(invitation.role),
    projectRoles: invitation.projectRoles.map((offer) => ({
      projectName: offer.project.name,
      role: offer.role,
      roleName: names.project(offer.projectId, offer.role),
    })),
    expiresAt: invitation.expiresAt,
    expired: invitation.expiresAt.getTime() <= asOf,
    invitedBy: invitation.invitedBy?.name ?? null,
    creatorLapsed: lapses[index] !== null,
  }));
}

async function pendingInvitationOrThrow(access: OrgAccess, invitationId: string) {
  const invitation = await db().invitation.findFirst({
    where: { id: invitationId, orgId: access.org.id, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true },
  });
  if (!invitation) throw new NotFoundError("No such pending invitation");
  return invitation;
}

/** Kills the invitation's link at once. */
export async function revokeInvitation(access: OrgAccess, input: { orgSlug: string; invitationId: string }): Promise<void> {
  if (!access.can("member:invite")) throw new ForbiddenError("member:invite");
  const { invitationId } = invitationRefSchema.parse(input);
  const invitation = await pendingInvitationOrThrow(access, invitationId);
  await db().$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordOrgEvent(tx, access, {
      action: "invitation.revoked",
      target: { type: "invitation", id: invitation.id },
      metadata: { email: invitation.email },
    });
  });
}

/** Mints a new token (the old link dies) and a fresh expiry. */
export async function resendInvitation(
  access: OrgAccess,
  input: { orgSlug: string; invitationId: string },
): Promise<{ email: string; roleName: string; projectRoles: NamedProjectRole[]; token: string; expiresAt: Date }> {
  if (!access.can("member:invite")) throw new ForbiddenError("member:invite");
  const { invitationId } = invitationRefSchema.parse(input);
  const invitation = await pendingInvitationOrThrow(access, invitationId);
  const projectRoles = await db().invitationProjectRole.findMany({
    where: { invitationId: invitation.id },
    orderBy: { project: { name: "asc" } },
    select: { role: true, projectId: true, project: { select: { name: true } } },
  });
  const names = await roleNamesIn(access.org.id);
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(Date.now() + DEFAULT_INVITATION_DAYS * 24 * 60 * 60 * 1000);
  await db().$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { tokenHash, expiresAt } });
    await recordOrgEvent(tx, access, {
      action: "invitation.resent",
      target: { type: "invitation", id: invitation.id },
      metadata: { email: invitation.email },
    });
  });
  return {
    email: invitation.email,
    roleName: names.org(invitation.role),
    projectRoles: projectRoles.map((offer) => ({ projectName: offer.project.name, role: offer.role, roleName: names.project(offer.projectId, offer.role) })),
    token,
    expiresAt,
  };
}
