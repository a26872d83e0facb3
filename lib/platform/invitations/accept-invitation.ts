import "server-only";
import type { Actor } from "../auth/actor.ts";
import { roleNamesIn } from "../roles/role-names.ts";
import { hashPassword } from "../auth/password.ts";
import { db, type Tx } from "../db.ts";
import { createAccount } from "../users/sign-up.ts";
import { RefusedError, ValidationError } from "../errors.ts";
import { creatorLapse } from "./creator-authority.ts";
import { joinOrg, RecordedRefusal, withRefusalsRecorded } from "./join-org.ts";
import { acceptInvitationSchema, invitationTokenSchema, signUpWithInvitationSchema } from "./schemas.ts";
import { hashInvitationToken } from "../tokens.ts";

export type InvitationStatus = "pending" | "expired" | "revoked" | "accepted";

export type InvitationPreview = {
  status: InvitationStatus;
  email: string;
  orgName: string;
  orgSlug: string;
  roleLabel: string;
  /** Project roles granted on accept, by project name. */
  projectRoles: Array<{ projectName: string; roleLabel: string }>;
  inviterName: string | null;
  expiresAt: Date;
  /** Whether an account with the invited email exists (decides sign in or sign up). */
  accountExists: boolean;
  /** Whoever made it can no longer grant what it offers: accepting would be refused. */
  creatorLapsed: boolean;
};

const UNUSABLE = "This invitation link is no longer valid: it has expired, been revoked or already been used. Ask the person who invited you for a new one.";

function statusOf(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
}

/** What an invitation link shows before anything happens. Opening it never consumes it. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(parsed.data) },
    select: {
      orgId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      org: { select: { name: true, slug: true } },
      invitedBy: { select: { name: true } },
      projectRoles: { select: { role: true, projectId: true, project: { select: { name: true } } }, orderBy: { project: { name: "asc" } } },
    },
  });
  if (!invitation) return null;
  const names = await roleNamesIn(invitation.orgId);
  const [account, lapse] = await Promise.all([
    db().user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
    creatorLapse(db(), {
      orgId: invitation.orgId,
      createdById: invitation.invitedById,
      permission: "member:invite",
      role: invitation.role,
      projectRoles: invitation.projectRoles,
    }),
  ]);
  return {
    status: statusOf(invitation),
    email: invitation.email,
    orgName: invitation.org.name,
    orgSlug: invitation.org.slug,
    roleLabel: names.org(invitation.role),
    projectRoles: invitation.projectRoles.map((offer) => ({ projectName: offer.project.name, roleLabel: names.project(offer.projectId, offer.role) })),
    inviterName: invitation.invitedBy?.name ?? null,
    expiresAt: invitation.expiresAt,
    accountExists: Boolean(account),
    creatorLapsed: lapse !== null,
  };
}

/**
 * Joins the org inside the caller's transaction: the invitation row is locked (single
 * use), then joinOrg locks the org row (seats), and everything is granted or nothing is.
 */
async function joinThroughInvitation(tx: Tx, token: string, user: { id: string; email: string }): Promise<{ orgSlug: string }> {
  // The offered project roles are written with the invitation and never change: read with it.
  const [invitation] = await tx.$queryRaw<
    Array<{
      id: string;
      org_id: string;
      email: string;
      role: string;
      invited_by_id: string | null;
      expires_at: Date;
      accepted_at: Date | null;
      revoked_at: Date | null;
      project_roles: Array<{ projectId: string; role: string }>;
    }>
  >`
    SELECT i.id, i.org_id, i.email, i.role, i.invited_by_id, i.expires_at, i.accepted_at, i.revoked_at,
           COALESCE((SELECT json_agg(json_build_object('projectId', r.project_id, 'role', r.role)) FROM invitation_project_roles r WHERE r.invitation_id = i.id), '[]') AS project_roles
      FROM invitations i
     WHERE i.token_hash = ${hashInvitationToken(token)} FOR UPDATE OF i`;
  if (!invitation) throw new RefusedError(UNUSABLE);
  const status = statusOf({ acceptedAt: invitation.accepted_at, revokedAt: invitation.revoked_at, expiresAt: invitation.expires_at });
  if (status !== "pending") {
    throw new RecordedRefusal(UNUSABLE, {
      orgId: invitation.org_id,
      actorId: null,
      action: "invitation.refused",
      target: { type: "invitation", id: invitation.id },
      metadata: { status, email: user.email },
    });
  }
  if (invitation.email !== user.email) {
    throw new RefusedError(`This invitation is for ${invitation.email}. Sign in with that account to accept it.`);
  }
  const projectRoles = invitation.project_roles;
  const { orgSlug } = await joinOrg(tx, {
    orgId: invitation.org_id,
    createdById: invitation.invited_by_id,
    permission: "member:invite",
    user,
    role: invitation.role,
    projectRoles,
    via: { type: "invitation", id: invitation.id },
  });
  await tx.$executeRaw`UPDATE invitations SET accepted_at = now(), accepted_by_id = ${user.id}::uuid WHERE id = ${invitation.id}::uuid`;
  // The invitation was mailed to this address and came back: the mailbox is theirs.
  await tx.$executeRaw`
    UPDATE users SET email_verified_at = now(), updated_at = now()
     WHERE id = ${user.id}::uuid AND email = ${invitation.email} AND email_verified_at IS NULL`;
  return { orgSlug };
}

/** A signed-in person accepts an invitation made out to their email. */
export async function acceptInvitation(actor: Actor, input: { token: string }): Promise<{ orgSlug: string }> {
  const { token } = acceptInvitationSchema.parse(input);
  return withRefusalsRecorded(() => db().$transaction((tx) => joinThroughInvitation(tx, token, { id: actor.userId, email: actor.email })));
}

/**
 * A newcomer creates their account for the invited email and joins, in one transaction. The
 * mailed token proves the mailbox, so the address is confirmed at once.
 */
export async function signUpWithInvitation(input: { token: string; name: string; password: string }): Promise<{ email: string; orgSlug: string }> {
  const { token, name, password } = signUpWithInvitationSchema.parse(input);
  const preview = await previewInvitation(token);
  // A dead link is refused (and recorded) inside the transaction, like accepting.
  if (!preview) throw new RefusedError(UNUSABLE);
  const passwordHash = await hashPassword(password);
  return withRefusalsRecorded(() =>
    db().$transaction(async (tx) => {
      const user = await createAccount(tx, { name, email: preview.email, passwordHash, emailVerified: true });
      if (!user) throw ValidationError.field("name", "An account with this email already exists. Sign in to accept.");
      const { orgSlug } = await joinThroughInvitation(tx, token, user);
      return { email: user.email, orgSlug };
    }),
  );
}
