"use server";

import { acceptInvitation, signUpWithInvitation } from "../invitations/accept-invitation.ts";
import { createInvitations } from "../invitations/create-invitations.ts";
import { resendInvitation, revokeInvitation } from "../invitations/manage-invitations.ts";
import { acceptInvitationSchema, createInvitationsSchema, invitationRefSchema, signUpWithInvitationSchema } from "../invitations/schemas.ts";
import { listGrantableProjects, type NamedProjectRole } from "../invitations/project-role-offers.ts";
import { orgRefSchema } from "../slugs.ts";
import type { OrgAccess } from "../authz/org-access.ts";
import { limitTokenChecks } from "../rate-limits/token-checks.ts";
import { sendInvitationMail } from "../mail/send-invitation-mail.ts";
import { publicUrl } from "../mail/send-mail.ts";
import { ANY_MEMBER, defineAction, defineOrgAction, definePublicAction } from "./define-action.ts";

/**
 * What the admin sees for each invitation: sent by mail, or (mail not set up, or the
 * send failed) the link to pass on themselves, with the reason.
 */
export type InvitationDelivery = { email: string } & ({ mailed: true } | { mailed: false; path: string; reason: string });

async function deliver(access: OrgAccess, invitation: { email: string; roleName: string; projectRoles: NamedProjectRole[]; token: string; expiresAt: Date }) {
  const path = `/invite/${invitation.token}`;
  const outcome = await sendInvitationMail({
    to: invitation.email,
    orgName: access.org.name,
    inviterName: access.actor.name,
    roleLabel: invitation.roleName,
    projectRoles: invitation.projectRoles.map((offer) => ({ roleLabel: offer.roleName, projectName: offer.projectName })),
    link: publicUrl(path),
    expiresAt: invitation.expiresAt,
  });
  const delivery: InvitationDelivery = outcome.sent
    ? { email: invitation.email, mailed: true }
    : { email: invitation.email, mailed: false, path, reason: outcome.reason };
  return delivery;
}

export const createInvitationsAction = defineOrgAction({
  permission: "member:invite",
  schema: createInvitationsSchema,
  handler: async (access, input) => {
    const created = await createInvitations(access, input);
    return Promise.all(created.map((invitation) => deliver(access, invitation)));
  },
});

export const resendInvitationAction = defineOrgAction({
  permission: "member:invite",
  schema: invitationRefSchema,
  handler: async (access, input) => {
    const resent = await resendInvitation(access, input);
    return deliver(access, resent);
  },
});

export const revokeInvitationAction = defineOrgAction({
  permission: "member:invite",
  schema: invitationRefSchema,
  handler: (access, input) => revokeInvitation(access, input),
});

export const acceptInvitationAction = defineAction(acceptInvitationSchema, async (actor, input) => {
  await limitTokenChecks();
  return acceptInvitation(actor, input);
});

export const signUpWithInvitationAction = definePublicAction(signUpWithInvitationSchema, async (input) => {
  await limitTokenChecks();
  return signUpWithInvitation(input);
});

/** For the invite and invite-link dialogs: only projects where the actor may add people. */
export const listGrantableProjectsAction = defineOrgAction({
  permission: ANY_MEMBER,
  schema: orgRefSchema,
  handler: (access) => listGrantableProjects(access),
});
