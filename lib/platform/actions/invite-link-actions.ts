"use server";

import { createInviteLink } from "../invite-links/create-invite-link.ts";
import { joinWithLink, signUpWithLink } from "../invite-links/join-with-link.ts";
import { revokeInviteLink } from "../invite-links/manage-invite-links.ts";
import { createInviteLinkSchema, inviteLinkRefSchema, joinWithLinkSchema, signUpWithLinkSchema } from "../invite-links/schemas.ts";
import { limitSignUps, limitTokenChecks } from "../rate-limits/token-checks.ts";
import { defineAction, defineOrgAction, definePublicAction } from "./define-action.ts";

/** Returns the link's path once: only its hash is kept. */
export const createInviteLinkAction = defineOrgAction({
  permission: "invite-link:create",
  schema: createInviteLinkSchema,
  handler: async (access, input) => {
    const { id, token } = await createInviteLink(access, input);
    return { id, path: `/join/${token}` };
  },
});

export const revokeInviteLinkAction = defineOrgAction({
  permission: "invite-link:revoke",
  schema: inviteLinkRefSchema,
  handler: (access, input) => revokeInviteLink(access, input),
});

export const joinWithLinkAction = defineAction(joinWithLinkSchema, async (actor, input) => {
  await limitTokenChecks();
  return joinWithLink(actor, input);
});

export const signUpWithLinkAction = definePublicAction(signUpWithLinkSchema, async (input) => {
  await limitTokenChecks();
  await limitSignUps();
  return signUpWithLink(input);
});
