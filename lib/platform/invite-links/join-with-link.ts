import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { hashPassword } from "../auth/password.ts";
import { assertPlanFeature } from "../billing/limits.ts";
import { db, type Tx } from "../db.ts";
import { createAccount, mailAfterSignUp } from "../users/sign-up.ts";
import { emailVerificationRequired } from "../auth/email-verification.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { CREATOR_LAPSED_MESSAGE, creatorLapse } from "../invitations/creator-authority.ts";
import { joinOrg, withRefusalsRecorded } from "../invitations/join-org.ts";
import { invitationTokenSchema } from "../invitations/schemas.ts";
import { hashInvitationToken } from "../tokens.ts";
import { inviteLinkStatus } from "./manage-invite-links.ts";
import { joinWithLinkSchema, signUpWithLinkSchema, type SignUpWithLinkInput } from "./schemas.ts";

export type InviteLinkPreview = {
  usable: boolean;
  orgName: string;
  roleLabel: string;
  projectRoles: Array<{ projectName: string; roleLabel: string }>;
  expiresAt: Date;
  allowedDomain: string | null;
  inviterName: string | null;
  /** Whoever made it can no longer grant what it offers: joining would be refused. */
  creatorLapsed: boolean;
};

const UNUSABLE =
  "This invite link is no longer valid: it has expired, been revoked or been used as many times as it allows. Ask the person who shared it for a new one.";

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

function wrongDomain(domain: string): string {
  return `This link is only for @${domain} email addresses.`;
}

/** What the link page shows before anything happens. Opening it never uses it. */
export async function previewInviteLink(token: string): Promise<InviteLinkPreview | null> {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const link = await db().inviteLink.findUnique({
    where: { tokenHash: hashInvitationToken(parsed.data) },
    select: {
      orgId: true,
      role: true,
      expiresAt: true,
      maxUses: true,
      useCount: true,
      allowedDomain: true,
      revokedAt: true,
      createdById: true,
      org: { select: { name: true } },
      createdBy: { select: { name: true } },
      projectRoles: { select: { role: true, projectId: true, project: { select: { name: true } } }, orderBy: { project: { name: "asc" } } },
    },
  });
  if (!link) return null;
  const [names, lapse] = await Promise.all([
    roleNamesIn(link.orgId),
    creatorLapse(db(), {
      orgId: link.orgId,
      createdById: link.createdById,
      permission: "invite-link:create",
      role: link.role,
      projectRoles: link.projectRoles,
    }),
  ]);
  return {
    usable: inviteLinkStatus(link) === "active" && lapse === null,
    creatorLapsed: lapse !== null,
    orgName: link.org.name,
    roleLabel: names.org(link.role),
    projectRoles: link.projectRoles.map((offer) => ({ projectName: offer.project.name, roleLabel: names.project(offer.projectId, offer.role) })),
    expiresAt: link.expiresAt,
    allowedDomain: link.allowedDomain,
    inviterName: link.createdBy?.name ?? null,
  };
}

type LockedLink = {
  id: string;
  org_id: string;
  created_by_id: string | null;
  role: string;
  expires_at: Date;
  max_uses: number | null;
  use_count: number;
  allowed_domain: string | null;
  revoked_at: Date | null;
};

/**
 * Joins through the link inside the caller's transaction. The link row is locked first,
 * so parallel joins take its uses one at a time and max uses holds; then joinOrg locks
 * the org row for the seat count. Someone already in the org is let through without
 * using up the link.
 */
async function joinThroughLink(tx: Tx, token: string, user: { id: string; email: string }): Promise<{ orgSlug: string }> {
  const [link] = await tx.$queryRaw<LockedLink[]>`
    SELECT id, org_id, created_by_id, role, expires_at, max_uses, use_count, allowed_domain, revoked_at
      FROM invite_links WHERE token_hash = ${hashInvitationToken(token)} FOR UPDATE`;
  if (!link) throw new RefusedError(UNUSABLE);
  const member = await tx.orgMembership.findUnique({
    where: { orgId_userId: { orgId: link.org_id, userId: user.id } },
    select: { org: { select: { slug: true } } },
  });
  if (member) return { orgSlug: member.org.slug };
  const status = inviteLinkStatus({ revokedAt: link.revoked_at, expiresAt: link.expires_at, maxUses: link.max_uses, useCount: link.use_count });
  if (status !== "active") throw new RefusedError(UNUSABLE);
  if (link.allowed_domain) {
    if (domainOf(user.email) !== link.allowed_domain) throw new RefusedError(wrongDomain(link.allowed_domain));
    if (emailVerificationRequired() && !(await isEmailVerified(tx, user.id))) {
      throw new RefusedError(
        `This link is only for confirmed @${link.allowed_domain} addresses. Confirm yours from the mail we sent, then open the link again.`,
      );
    }
  }

  await assertPlanFeature(tx, link.org_id, "inviteLinks");
  const projectRoles = await tx.inviteLinkProjectRole.findMany({ where: { inviteLinkId: link.id }, select: { projectId: true, role: true } });
  const { orgSlug } = await joinOrg(tx, {
    orgId: link.org_id,
    createdById: link.created_by_id,
    permission: "invite-link:create",
    user,
    role: link.role,
    projectRoles,
    via: { type: "invite-link", id: link.id },
  });
  await tx.inviteLinkUse.create({ data: { inviteLinkId: link.id, userId: user.id } });
  await tx.inviteLink.update({ where: { id: link.id }, data: { useCount: { increment: 1 } } });
  await recordAuditEvent(tx, {
    orgId: link.org_id,
    actorId: user.id,
    action: "invite-link.used",
    target: { type: "invite-link", id: link.id },
    metadata: { email: user.email, useCount: link.use_count + 1, maxUses: link.max_uses },
  });
  return { orgSlug };
}

async function isEmailVerified(tx: Tx, userId: string): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}

/** A signed-in person joins the org through a link. */
export async function joinWithLink(actor: Actor, input: { token: string }): Promise<{ orgSlug: string }> {
  const { token } = joinWithLinkSchema.parse(input);
  return withRefusalsRecorded(() => db().$transaction((tx) => joinThroughLink(tx, token, { id: actor.userId, email: actor.email })));
}

/**
 * A newcomer signs up through the link. Without mail, the account is created and joins in
 * one transaction. With mail, addresses must be confirmed first (a domain-limited link is
 * only as good as the address): the account is created unconfirmed, the confirmation mail
 * leads back to the link, and the newcomer joins once signed in; an address that already
 * has an account gets the same answer, and its owner a notice.
 */
export async function signUpWithLink(input: SignUpWithLinkInput): Promise<{ email: string; orgSlug: string | null; checkInbox: boolean }> {
  const { token, name, email, password } = signUpWithLinkSchema.parse(input);
  const preview = await previewInviteLink(token);
  // A link whose creator lapsed goes on to the join, which refuses it and tells the admins.
  if (!preview || (!preview.usable && !preview.creatorLapsed)) throw new RefusedError(UNUSABLE);
  // Checked here too, so the message lands at the email field before any work.
  if (preview.allowedDomain && domainOf(email) !== preview.allowedDomain) throw ValidationError.field("email", wrongDomain(preview.allowedDomain));
  const passwordHash = await hashPassword(password);
  if (emailVerificationRequired()) {
    if (preview.creatorLapsed) throw new RefusedError(CREATOR_LAPSED_MESSAGE);
    const created = await createAccount(db(), { name, email, passwordHash });
    await mailAfterSignUp(created, email, `/join/${token}`);
    return { email, orgSlug: null, checkInbox: true };
  }
  return withRefusalsRecorded(() =>
    db().$transaction(async (tx) => {
      const user = await createAccount(tx, { name, email, passwordHash });
      if (!user) throw ValidationError.field("email", "An account with this email already exists. Sign in to join.");
      const { orgSlug } = await joinThroughLink(tx, token, user);
      return { email: user.email, orgSlug, checkInbox: false };
    }),
  );
}
