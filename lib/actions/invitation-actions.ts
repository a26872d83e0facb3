"use server";

import { acceptInvitation, signUpWithInvitation } from "../invitations/accept-invitation.ts";
import { createInvitations } from "../invitations/create-invitations.ts";
import { resendInvitation, revokeInvitation } from "../invitations/manage-invitations.ts";
import {
  acceptInvitationSchema,
  createInvitationsSchema,
  invitationRefSchema,
  signUpWithInvitationSchema,
} from "../invitations/schemas.ts";
import { defineAction, defineOrgAction, definePublicAction } from "./define-action.ts";

/** Without mail (SMTP comes next), the admin gets the links to pass on. */
export const createInvitationsAction = defineOrgAction({
  permission: "member:invite",
  schema: createInvitationsSchema,
  handler: async (access, input) => {
    const created = await createInvitations(access, input);
    return created.map(({ email, token }) => ({ email, path: `/invite/${token}` }));
  },
});

export const resendInvitationAction = defineOrgAction({
  permission: "member:invite",
  schema: invitationRefSchema,
  handler: async (access, input) => {
    const { email, token } = await resendInvitation(access, input);
    return { email, path: `/invite/${token}` };
  },
});

export const revokeInvitationAction = defineOrgAction({
  permission: "member:invite",
  schema: invitationRefSchema,
  handler: (access, input) => revokeInvitation(access, input),
});

export const acceptInvitationAction = defineAction(acceptInvitationSchema, (actor, input) => acceptInvitation(actor, input));

export const signUpWithInvitationAction = definePublicAction(signUpWithInvitationSchema, (input) => signUpWithInvitation(input));
