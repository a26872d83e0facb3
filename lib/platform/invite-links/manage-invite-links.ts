import "server-only";
import { recordOrgEvent } from "../audit/record-audit-event.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { db } from "../db.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { inviteLinkRefSchema } from "./schemas.ts";
import { lapseChecker } from "../invitations/creator-authority.ts";

export type InviteLinkStatus = "active" | "expired" | "used-up" | "revoked";

export type InviteLinkSummary = {
  id: string;
  name: string;
  roleLabel: string;
  projectRoles: Array<{ projectName: string; roleLabel: string }>;
  status: InviteLinkStatus;
  expiresAt: Date;
  maxUses: number | null;
  useCount: number;
  allowedDomain: string | null;
  createdBy: string | null;
  /** Its creator can no longer grant what it offers: accepting it will be refused. */
  creatorLapsed: boolean;
  /** The latest people to join through it, newest first. */
  recentUses: Array<{ name: string; email: string; joinedAt: Date }>;
};

export const INVITE_LINKS_SHOWN = 50;
const USES_SHOWN = 20;

export function inviteLinkStatus(link: { revokedAt: Date | null; expiresAt: Date; maxUses: number | null; useCount: number }): InviteLinkStatus {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= Date.now()) return "expired";
  return link.maxUses !== null && link.useCount >= link.maxUses ? "used-up" : "active";
}

/** The org's links, newest first, with their use counts and who joined through them. */
export async function listInviteLinks(access: OrgAccess): Promise<InviteLinkSummary[]> {
  if (!access.can("invite-link:read")) throw new ForbiddenError("invite-link:read");
  const links = await db().inviteLink.findMany({
    where: { orgId: access.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INVITE_LINKS_SHOWN,
    select: {
      id: true,
      name: true,
      role: true,
      expiresAt: true,
      maxUses: true,
      useCount: true,
      allowedDomain: true,
      revokedAt: true,
      createdById: true,
      createdBy: { select: { name: true } },
      projectRoles: { select: { role: true, projectId: true, project: { select: { name: true } } }, orderBy: { project: { name: "asc" } } },
      uses: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: USES_SHOWN,
        select: { createdAt: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  const names = await roleNamesIn(access.org.id);
  const lapseOf = lapseChecker(access.org.id);
  const lapses = await Promise.all(
    links.map((link) =>
      inviteLinkStatus(link) === "active"
        ? lapseOf({ createdById: link.createdById, permission: "invite-link:create", role: link.role, projectRoles: link.projectRoles })
        : null,
    ),
  );
  return links.map((link, index) => ({
    id: link.id,
    name: link.name,
    roleLabel: names.org(link.role),
    projectRoles: link.projectRoles.map((offer) => ({ projectName: offer.project.name, roleLabel: names.project(offer.projectId, offer.role) })),
    status: inviteLinkStatus(link),
    expiresAt: link.expiresAt,
    maxUses: link.maxUses,
    useCount: link.useCount,
    allowedDomain: link.allowedDomain,
    createdBy: link.createdBy?.name ?? null,
    creatorLapsed: lapses[index] !== null,
    recentUses: link.uses.map((use) => ({ name: use.user.name, email: use.user.email, joinedAt: use.createdAt })),
  }));
}

/** Kills the link at once; people who already joined through it stay. */
export async function revokeInviteLink(access: OrgAccess, input: { orgSlug: string; inviteLinkId: string }): Promise<void> {
  if (!access.can("invite-link:revoke")) throw new ForbiddenError("invite-link:revoke");
  const { inviteLinkId } = inviteLinkRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const { count } = await tx.inviteLink.updateMany({
      where: { id: inviteLinkId, orgId: access.org.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("No such active invite link");
    await recordOrgEvent(tx, access, {
      action: "invite-link.revoked",
      target: { type: "invite-link", id: inviteLinkId },
    });
  });
}
